/**
 * Regenerates src/features/accounts/common-passwords.txt, the list of common passwords that new passwords are
 * checked against. The build turns it into src/generated/common-passwords.ts (scripts/build-assets.ts).
 *
 * Source: the npm package @zxcvbn-ts/language-common (MIT licence, https://github.com/zxcvbn-ts/zxcvbn), file
 * src/passwords.json: zxcvbn's frequency-ranked list of common passwords, most common first. The package is
 * fetched with `npm pack` into a temporary folder rather than installed, so it never becomes a dependency.
 * We keep the most common entries of at least 8 characters (shorter ones fail the length rule anyway),
 * lowercased and deduplicated, in rank order.
 *
 * Usage: tsx scripts/common-passwords.ts [path/to/passwords.json]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PACKAGE = '@zxcvbn-ts/language-common@4.1.3';
const LICENSE = 'MIT';
const COUNT = 10_000;
const MIN_LENGTH = 8;

const root = join(import.meta.dirname, '..');
const outDir = join(root, 'src/features/accounts');

function readSource(): unknown {
  const given = process.argv[2];
  if (given) return JSON.parse(readFileSync(given, 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'common-passwords-'));
  try {
    const tarball = execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', dir], {
      encoding: 'utf8',
    }).trim();
    execFileSync('tar', ['-xzf', join(dir, tarball), '-C', dir]);
    return JSON.parse(readFileSync(join(dir, 'package/src/passwords.json'), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const source = readSource();
if (!Array.isArray(source) || !source.every((entry) => typeof entry === 'string')) {
  throw new Error('passwords.json is not an array of strings');
}

const seen = new Set<string>();
for (const entry of source) {
  const password = entry.normalize('NFKC').toLowerCase();
  // The app counts code points, so the filter must too.
  if ([...password].length < MIN_LENGTH || password.includes('\n')) continue;
  seen.add(password);
  if (seen.size === COUNT) break;
}
const list = [...seen];
if (list.length < 3000) throw new Error(`only ${list.length} passwords of ${MIN_LENGTH}+ characters`);

// The header says where the list comes from; the build (scripts/build-assets.ts) skips '#' lines.
const header = [
  `# The ${list.length} most common passwords of ${MIN_LENGTH}+ characters, lowercased, most common first.`,
  `# From the npm package ${PACKAGE} (src/passwords.json, zxcvbn's ranked list), ${LICENSE} licence.`,
  '# Written by scripts/common-passwords.ts; do not edit.',
];
writeFileSync(join(outDir, 'common-passwords.txt'), `${[...header, ...list].join('\n')}\n`);

console.log(`wrote ${list.length} passwords`);
