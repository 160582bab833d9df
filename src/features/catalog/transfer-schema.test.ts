import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueJsonSchema, isTimeZone } from './transfer-schema';

describe('the catalogue file schema', () => {
  it('is published in docs/catalogue.schema.json as the code defines it', () => {
    const published = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../../docs/catalogue.schema.json'), 'utf8'),
    );
    // When this fails: npm run catalog -- schema --out docs/catalogue.schema.json
    expect(published).toEqual(catalogueJsonSchema());
  });

  it('knows IANA zones from other names', () => {
    expect(isTimeZone('Asia/Kolkata')).toBe(true);
    expect(isTimeZone('Asia/Bombay2')).toBe(false);
    expect(isTimeZone('IST+5:30')).toBe(false);
  });
});
