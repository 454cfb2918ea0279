import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../helpers/temp-dirs.js';
import { writeCsv, writeCsvWith, writeSmallCsv } from '../../src/lib/write-csv.js';

const tempDir = tempDirs('census-recon-csv-');

/** What csv-stringify writes for these rows, as UTF-8 bytes after a BOM (Buffer.from writes a lone surrogate as U+FFFD). */
const expectedBytes = (rows: ReadonlyArray<ReadonlyArray<string | number>>): Buffer => Buffer.from(`\ufeff${stringify(rows as unknown[][])}`);

describe('writeCsv', () => {
  it('writes a BOM, the header and rows quoted exactly as csv-stringify would', async () => {
    const dir = tempDir();
    // short cells are encoded in JavaScript, long ones (over 24 characters) by Buffer.write: both kinds, with and without quoting
    const long = '芙蓉路12号3栋2单元502室（东门进，右手第二栋）';
    const cell = fc.oneof(
      fc.constantFrom('', '芙蓉路12号,3栋', 'say "hi"', 'a\nb', 'x\r\ny', '-1', '""', long, `${long},"北"`, `${long}\n`),
      fc.string({ maxLength: 5 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 20 }), async (rows) => {
        const path = join(dir, 'x.csv');
        await writeCsv(path, ['a', 'b', 'c'], rows);
        expect(readFileSync(path, 'utf8')).toBe(`\ufeff${stringify([['a', 'b', 'c'], ...rows])}`);
      }),
      { numRuns: 100 },
    );
  });

  it('encodes any UTF-16 text as Buffer.from does: multibyte characters, surrogate pairs and lone surrogates', async () => {
    const dir = tempDir();
    const cell = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.constantFrom('\ud800', 'a\udc00b', '𠀀,', '\ud83d\ude00"', '\ud83d'),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { maxLength: 10 }), async (rows) => {
        const path = join(dir, 'u.csv');
        await writeCsv(path, ['a', 'b'], rows);
        expect(readFileSync(path).equals(expectedBytes([['a', 'b'], ...rows]))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('writes numbers as String() does', async () => {
    const path = join(tempDir(), 'n.csv');
    await writeCsv(path, ['n'], [[3], [-0.5], [1e21]]);
    expect(readFileSync(path, 'utf8')).toBe('\ufeffn\n3\n-0.5\n1e+21\n');
  });

  it('keeps every byte across buffer boundaries, multibyte characters and a row longer than the buffer', async () => {
    const path = join(tempDir(), 'big.csv');
    // ~3 MB of three-byte characters with odd row lengths, so rows end at every offset of a chunk
    const rows: string[][] = [];
    for (let i = 0; i < 60_000; i++) rows.push([`E${i}`, '芙蓉路'.repeat(1 + (i % 17)), i % 3 === 0 ? '𠀀x' : 'y,"z"']);
    rows.splice(30_000, 0, ['long', '住'.repeat(600_000), 'z']);
    await writeCsv(path, ['a', 'b', 'c'], rows);
    expect(readFileSync(path).equals(expectedBytes([['a', 'b', 'c'], ...rows]))).toBe(true);
  });

  it('writes a header longer than the first buffer whole', async () => {
    const path = join(tempDir(), 'wide.csv');
    const header = Array.from({ length: 10_000 }, (_, i) => `列${i}`);
    await writeCsv(path, header, [['x']]);
    expect(readFileSync(path, 'utf8')).toBe(`\ufeff${header.join(',')}\nx\n`);
  });
});

describe('writeSmallCsv', () => {
  it('writes the bytes writeCsv writes, file after file from its one buffer', async () => {
    const dir = tempDir();
    const cell = fc.oneof(fc.constantFrom('', '芙蓉路12号,3栋', 'say "hi"', 'a\nb', '𠀀', '住'.repeat(40)), fc.string({ maxLength: 5 }));
    const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { maxLength: 30 });
    await fc.assert(
      fc.asyncProperty(fc.array(table, { minLength: 1, maxLength: 4 }), async (files) => {
        for (const [k, rows] of files.entries()) writeSmallCsv(join(dir, `s${k}.csv`), ['甲', 'b'], rows);
        for (const [k, rows] of files.entries()) {
          await writeCsv(join(dir, 'w.csv'), ['甲', 'b'], rows);
          expect(readFileSync(join(dir, `s${k}.csv`)).equals(readFileSync(join(dir, 'w.csv')))).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('writeCsvWith', () => {
  it('writes a field made of parts as the field of their concatenation, quoted when any part needs it', async () => {
    const path = join(tempDir(), 'parts.csv');
    const parts: Array<[string, string, string]> = [
      ['census', ':', 'E1'],
      ['a,b', ':', 'c'],
      ['a', ':', 'say "hi"'],
      ['', ':', ''],
      ['户籍', ':', '𠀀\n2'],
    ];
    await writeCsvWith(path, ['ref', 'n'], function* (out) {
      for (const [a, sep, b] of parts) {
        out.fieldOf(a, sep, b);
        out.field(1);
        out.endRow();
        yield;
      }
    });
    expect(readFileSync(path, 'utf8')).toBe(`\ufeff${stringify([['ref', 'n'], ...parts.map(([a, sep, b]) => [a + sep + b, '1'])])}`);
  });

  it('passes the error on when the rows fail', async () => {
    const path = join(tempDir(), 'fail.csv');
    const failing = writeCsvWith(path, ['a'], function* (out) {
      out.field('x');
      out.endRow();
      yield;
      throw new Error('row source failed');
    });
    await expect(failing).rejects.toThrow('row source failed');
  });
});
