/**
 * Builds the static assets: compiles UnoCSS from the classes used in src/, copies htmx, bundles the small
 * page modules in src/client/, fingerprints every
 * file by content hash, precompresses each with gzip and brotli, and writes src/generated/assets.ts (the
 * manifest the layout links to) and public/assets/ (what the servers serve). It also turns the data files
 * the code reads into modules in src/generated/, so the Node build (esbuild), the Workers bundle (wrangler)
 * and the tests all inline them the same way.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { createGenerator } from '@unocss/core';
import { build } from 'esbuild';
import unoConfig from '../uno.config';

const root = join(import.meta.dirname, '..');
const outDir = join(root, 'public/assets');
const generatedDir = join(root, 'src/generated');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

async function buildCss(): Promise<string> {
  const generator = await createGenerator(unoConfig);
  const tokens = new Set<string>();
  for (const file of sourceFiles(join(root, 'src'))) {
    await generator.applyExtractors(readFileSync(file, 'utf8'), file, tokens);
  }
  const { css } = await generator.generate(tokens, { minify: true });
  const base = readFileSync(join(root, 'src/styles.css'), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{}:;,>])\s*/g, '$1')
    .replace(/;}/g, '}')
    .trim();
  return `${base}${css}`;
}

/** A page module from src/client/, bundled and minified for browsers of the last few years. */
async function buildModule(name: string, format: 'esm' | 'iife' = 'esm'): Promise<Buffer> {
  const result = await build({
    entryPoints: [join(root, 'src/client', `${name}.ts`)],
    bundle: true,
    format,
    minify: true,
    target: 'es2020',
    write: false,
    logLevel: 'warning',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error(`esbuild wrote nothing for src/client/${name}.ts`);
  return Buffer.from(output.contents);
}

function emit(name: string, ext: string, body: Buffer): string {
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 10);
  const file = `${name}.${hash}.${ext}`;
  writeFileSync(join(outDir, file), body);
  writeFileSync(join(outDir, `${file}.gz`), gzipSync(body, { level: 9 }));
  writeFileSync(
    join(outDir, `${file}.br`),
    brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  );
  return `/assets/${file}`;
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
mkdirSync(generatedDir, { recursive: true });

const css = await buildCss();
const manifest = {
  css: emit('app', 'css', Buffer.from(css)),
  htmx: emit('htmx', 'js', readFileSync(join(root, 'node_modules/htmx.org/dist/htmx.min.js'))),
  favicon: emit('favicon', 'svg', readFileSync(join(root, 'public/favicon.svg'))),
  seatMap: emit('seat-map', 'js', await buildModule('seat-map')),
  countdown: emit('countdown', 'js', await buildModule('countdown')),
  doorScanner: emit('door-scanner', 'js', await buildModule('door-scanner')),
  layoutErrors: emit('layout-errors', 'js', await buildModule('layout-errors')),
};

writeFileSync(
  join(generatedDir, 'assets.ts'),
  `// Written by scripts/build-assets.ts; do not edit.\nexport const assets = ${JSON.stringify(manifest, null, 2)} as const;\n`,
);
// Data, not code: the list lives as text beside the rule that reads it; '#' lines say where it comes from.
const passwords = readFileSync(join(root, 'src/features/accounts/common-passwords.txt'), 'utf8')
  .split('\n')
  .filter((line) => line !== '' && !line.startsWith('#'));
writeFileSync(
  join(generatedDir, 'common-passwords.ts'),
  `// Written by scripts/build-assets.ts from src/features/accounts/common-passwords.txt; do not edit.\nexport const COMMON_PASSWORDS = ${JSON.stringify(passwords.join('\n'))};\n`,
);

for (const [name, path] of Object.entries(manifest)) {
  const size = readFileSync(join(outDir, path.slice('/assets/'.length))).length;
  console.log(
    `${name.padEnd(8)} ${relative(root, join(outDir, path.slice('/assets/'.length)))} ${size} bytes`,
  );
}

// The same stylesheet inlined in every page's head: on a slow link it saves the round trip a <link> costs
// before anything can paint. The Content-Security-Policy allows exactly this text by its hash.
writeFileSync(
  join(generatedDir, 'styles.ts'),
  `// Written by scripts/build-assets.ts; do not edit.\nexport const inlineStyles = ${JSON.stringify(css)};\nexport const inlineStylesHash = '${`sha256-${createHash('sha256').update(css).digest('base64')}`}';\n`,
);
// The script that starts a page's modules after its first paint (src/client/after-paint.ts), inlined in
// the head of pages that have modules and allowed by the Content-Security-Policy by its hash.
const afterPaint = (await buildModule('after-paint', 'iife')).toString('utf8').trim();
writeFileSync(
  join(generatedDir, 'after-paint.ts'),
  `// Written by scripts/build-assets.ts; do not edit.\nexport const afterPaintScript = ${JSON.stringify(afterPaint)};\nexport const afterPaintScriptHash = '${`sha256-${createHash('sha256').update(afterPaint).digest('base64')}`}';\n`,
);
