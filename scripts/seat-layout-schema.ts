/**
 * `npm run seat-layout-schema`: writes docs/seat-layout.schema.json from the zod schema of the JSON form of a
 * seat layout, formatted as Biome formats it. A unit test fails while the file is out of date.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { seatLayoutJsonSchema } from '../src/features/catalog/layout-json';

const path = fileURLToPath(new URL('../docs/seat-layout.schema.json', import.meta.url));
writeFileSync(path, seatLayoutJsonSchema());
execFileSync('biome', ['format', '--write', path], { stdio: 'inherit' });
