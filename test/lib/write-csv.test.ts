import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeCsv } from '../../src/lib/write-csv.js';

describe('writeCsv', () => {
  it('writes a BOM, the header and rows quoted exactly as csv-stringify would', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'census-recon-csv-'));
    const cell = fc.oneof(fc.constantFrom('', '芙蓉路12号,3栋', 'say "hi"', 'a\nb', 'x\r\ny', '-1'), fc.string({ maxLength: 5 }));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 20 }), async (rows) => {
        const path = join(dir, 'x.csv');
        await writeCsv(path, ['a', 'b', 'c'], rows);
        const expected = `\ufeff${stringify([['a', 'b', 'c'], ...rows])}`;
        expect(readFileSync(path, 'utf8')).toBe(expected);
      }),
      { numRuns: 100 },
    );
  });
});
