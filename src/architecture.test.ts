import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/*
 * The rules of docs/architecture.md, checked on every file: imports run one way (down the layers, and
 * from a feature only to the features before it), nothing that ships imports tests or scripts, the Worker
 * reaches no Node-only adapter, and no source file grows past 400 lines. A new import against the rules
 * fails here with the file and the import named.
 */

/** The features in the order they may depend on each other: each may import only those before it. */
const FEATURE_ORDER = [
  'limits',
  'audit',
  'site',
  'catalog',
  'accounts',
  'booking',
  'tickets',
  'confirmations',
  'payments',
  'bookings',
  'checkin',
  'screens',
  'schedule',
  'showtime-changes',
  'admin',
] as const;

const root = resolve(import.meta.dirname, '..');
const MAX_LINES = 400;

type Place = { layer: string; rank: number; feature?: number };

/** Where a file under src/ sits. Files of one layer may import each other; features follow FEATURE_ORDER. */
function placeOf(file: string): Place | undefined {
  // A test sits in the layer of the file it tests; this one reads the whole tree and imports none of it.
  const path = file.replace(/\.test(\.tsx?)$/, '$1');
  if (path === 'src/architecture.ts') return { layer: 'checks', rank: 9 };
  const [top, next] = path.split('/').slice(1);
  if (path === 'src/config.ts' || top === 'generated') return { layer: 'foundation', rank: 0 };
  if (top === 'platform') return { layer: 'platform', rank: 1 };
  if (path === 'src/deps.ts') return { layer: 'deps', rank: 2 };
  if (top === 'web') return { layer: 'web', rank: 3 };
  if (top === 'auth') return { layer: 'auth', rank: 4 };
  if (top === 'features') {
    const feature = FEATURE_ORDER.indexOf(next as (typeof FEATURE_ORDER)[number]);
    return feature < 0 ? undefined : { layer: `features/${next}`, rank: 5, feature };
  }
  if (top === 'demo') return { layer: 'demo', rank: 6 };
  if (path === 'src/app.tsx') return { layer: 'app', rank: 7 };
  if (path === 'src/node.ts' || path === 'src/worker.ts') return { layer: 'entry', rank: 8 };
  if (top === 'client') return { layer: 'client', rank: -1 };
  return undefined;
}

const isTest = (path: string) => /\.test\.tsx?$/.test(path);

/** Why `from` may not import `to` (both paths from the repository root), or undefined when it may. */
function breach(from: string, to: string): string | undefined {
  if (!to.startsWith('src/')) {
    if (isTest(from) && to.startsWith('tests/support/')) return undefined;
    return 'code in src/ imports nothing from tests/ or scripts/ (tests beside the code may use tests/support/)';
  }
  if (isTest(from) && to.startsWith('src/demo/')) return undefined;
  const a = placeOf(from);
  const b = placeOf(to);
  if (!a) return `${from} is in no layer of docs/architecture.md`;
  if (!b) return `${to} is in no layer of docs/architecture.md`;
  if (a.layer === 'client' || b.layer === 'client')
    return a.layer === b.layer
      ? undefined
      : 'browser code (src/client/) and server code never import each other';
  if (a.layer === b.layer) return undefined;
  if (a.feature !== undefined && b.feature !== undefined) {
    return b.feature < a.feature
      ? undefined
      : `${a.layer} may import only the features before it (${FEATURE_ORDER.slice(0, a.feature).join(', ') || 'none'})`;
  }
  return b.rank < a.rank ? undefined : `${a.layer} may not import ${b.layer}, a layer above it`;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Every relative import of a file (type-only ones too), resolved to a path from the repository root. */
function importsOf(path: string): string[] {
  const text = readFileSync(join(root, path), 'utf8');
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.map((file) => file.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => {
      const target = relative(root, resolve(root, dirname(path), name));
      for (const candidate of [target, `${target}.ts`, `${target}.tsx`]) {
        if (/\.tsx?$/.test(candidate) && files.has(candidate)) return candidate;
      }
      return target.startsWith('src/generated/') ? `${target}.ts` : target;
    });
}

const srcFiles = sourceFiles('src');
const files = new Set([...srcFiles, ...sourceFiles('tests'), ...sourceFiles('scripts')]);
const graph = new Map(srcFiles.map((path) => [path, importsOf(path)]));

describe('the layers of docs/architecture.md', () => {
  it('place every source file', () => {
    expect(srcFiles.filter((path) => placeOf(path) === undefined)).toEqual([]);
  });

  it('hold: every import runs down the layers, or to an earlier feature', () => {
    const breaches = [...graph].flatMap(([from, targets]) =>
      targets.flatMap((to) => {
        const why = breach(from, to);
        return why ? [`${from} imports ${to}: ${why}`] : [];
      }),
    );
    expect(breaches).toEqual([]);
  });

  it('keep Node-only adapters (in node/ folders) out of everything the Worker imports', () => {
    const reached = new Set<string>();
    const visit = (path: string) => {
      if (reached.has(path)) return;
      reached.add(path);
      for (const next of graph.get(path) ?? []) visit(next);
    };
    visit('src/worker.ts');
    expect([...reached].filter((path) => path.split('/').includes('node'))).toEqual([]);
    // And node/ folders are imported only by the Node entry point, other node/ files, scripts and tests.
    const strays = [...graph].flatMap(([from, targets]) =>
      from === 'src/node.ts' || from.split('/').includes('node') || isTest(from)
        ? []
        : targets.filter((to) => to.split('/').includes('node')).map((to) => `${from} imports ${to}`),
    );
    expect(strays).toEqual([]);
  });

  it(`keep every source file to ${MAX_LINES} lines`, () => {
    const long = srcFiles.flatMap((path) => {
      const lines = readFileSync(join(root, path), 'utf8').split('\n').length;
      return lines > MAX_LINES ? [`${path}: ${lines} lines`] : [];
    });
    expect(long).toEqual([]);
  });
});

describe('the import rule itself', () => {
  it('refuses what runs up, sideways to a later feature, or into tests', () => {
    expect(breach('src/platform/db/client.ts', 'src/config.ts')).toBeUndefined();
    expect(breach('src/features/booking/service.ts', 'src/features/catalog/service.ts')).toBeUndefined();
    expect(breach('src/features/catalog/service.ts', 'src/features/booking/service.ts')).toMatch(
      /features before/,
    );
    expect(breach('src/deps.ts', 'src/features/tickets/code.ts')).toMatch(/layer above/);
    expect(breach('src/web/render.tsx', 'src/features/catalog/service.ts')).toMatch(/layer above/);
    expect(breach('src/web/render.tsx', 'src/auth/model.ts')).toMatch(/layer above/);
    expect(breach('src/features/tickets/pdf.ts', 'tests/support/sample-booking.ts')).toMatch(/tests/);
    expect(breach('src/features/tickets/pdf.test.ts', 'tests/support/sample-booking.ts')).toBeUndefined();
    expect(breach('src/client/seat-map.ts', 'src/platform/time.ts')).toMatch(/browser code/);
  });
});
