import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvLine, writeCsv, writeCsvLines } from '../../src/lib/write-csv.js';

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

  it('keeps every byte across buffer boundaries, multibyte characters and a line longer than the buffer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'census-recon-csv-'));
    const path = join(dir, 'big.csv');
    // ~3 MB of three-byte characters with odd line lengths, so lines end at every offset of a chunk
    const lines: string[] = [];
    for (let i = 0; i < 60_000; i++) lines.push(csvLine([`E${i}`, '芙蓉路'.repeat(1 + (i % 17)), i % 3 === 0 ? '𠀀x' : 'y']));
    lines.splice(30_000, 0, csvLine(['long', '住'.repeat(600_000), 'z']));
    await writeCsvLines(path, ['a', 'b', 'c'], lines);
    expect(readFileSync(path, 'utf8')).toBe(`\ufeffa,b,c\n${lines.join('')}`);
  });

  it('writes a header longer than the first buffer whole', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'census-recon-csv-')), 'wide.csv');
    const header = Array.from({ length: 10_000 }, (_, i) => `列${i}`);
    await writeCsvLines(path, header, [csvLine(['x'])]);
    expect(readFileSync(path, 'utf8')).toBe(`\ufeff${header.join(',')}\nx\n`);
  });
});
