import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer, type CsvRecord } from '../../src/ingest/csv-tokenizer.js';

function tokenize(text: string, chunk = Number.MAX_SAFE_INTEGER, delimiter = ','): CsvRecord[] {
  const out: CsvRecord[] = [];
  const t = new CsvTokenizer(delimiter, (r) => out.push(r));
  for (let i = 0; i < text.length; i += chunk) t.push(text.slice(i, i + chunk));
  t.end();
  return out;
}

describe('CsvTokenizer', () => {
  it.each([
    ['plain LF', 'a,b\n1,2\n', [['a', 'b'], ['1', '2']], [1, 2]],
    ['CRLF, no final newline', 'a,b\r\n1,2', [['a', 'b'], ['1', '2']], [1, 2]],
    ['blank lines are skipped but counted', 'a,b\n\n\r\n1,2\n', [['a', 'b'], ['1', '2']], [1, 4]],
    ['quoted delimiter and escaped quote', 'a,"b,""c"""\n', [['a', 'b,"c"']], [1]],
    ['quoted newline keeps line numbers', '"x\ny",1\n2,3\n', [['x\ny', '1'], ['2', '3']], [1, 3]],
    ['quoted CRLF newline', '"x\r\ny",1\r\n2,3\r\n', [['x\r\ny', '1'], ['2', '3']], [1, 3]],
    ['empty cells', ',,\n', [['', '', '']], [1]],
    ['quote inside an unquoted field is literal', 'a"b,c\n', [['a"b', 'c']], [1]],
    ['empty quoted field', '"",x\n', [['', 'x']], [1]],
  ])('%s', (_label, text, cells, lines) => {
    for (const chunk of [Number.MAX_SAFE_INTEGER, 1, 2, 3]) {
      const records = tokenize(text, chunk);
      expect(records.map((r) => r.cells)).toEqual(cells);
      expect(records.map((r) => r.line)).toEqual(lines);
    }
  });

  it('reports an unclosed quote on its own line and keeps reading the rows after it', () => {
    const records = tokenize('a,b\n1,"oops\n2,3\n4,5\n', 2);
    expect(records.map((r) => [r.line, r.error ?? '', r.cells.join('|')])).toEqual([
      [1, '', 'a|b'],
      [2, 'UNCLOSED_QUOTE', '1|"oops'],
      [3, '', '2|3'],
      [4, '', '4|5'],
    ]);
  });

  it('supports other delimiters', () => {
    expect(tokenize('a;b\n"1;2";3\n', 1, ';').map((r) => r.cells)).toEqual([['a', 'b'], ['1;2', '3']]);
  });

  it('agrees with csv-parse on well-formed CSV, whatever the chunking', () => {
    const cell = fc.oneof(fc.constantFrom('', '王小明', '芙蓉路12号', 'x"y', 'a,b', 'l1\nl2', '  ', '𠀀'), fc.string({ maxLength: 6 }));
    const table = fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(table, fc.integer({ min: 1, max: 7 }), fc.boolean(), (rows, chunk, crlf) => {
        const eol = crlf ? '\r\n' : '\n';
        const quote = (c: string) => (/[",\r\n]/.test(c) || c === '' ? `"${c.replace(/"/g, '""')}"` : c);
        const text = rows.map((r) => r.map(quote).join(',')).join(eol) + eol;
        const expected = parse(text, { relax_column_count: true }) as string[][];
        expect(tokenize(text, chunk).map((r) => r.cells)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same records and line numbers however unquoted text is cut, blank lines and CR, LF or CRLF included', () => {
    // lines without quotes take push's path that reads a line cut in two on its own
    const cell = fc.oneof(fc.constantFrom('', '王小明', '芙蓉路12号', '  ', '𠀀', 'x'), fc.stringMatching(/^[a-z0-9 ]{0,5}$/));
    const line = fc.oneof(fc.array(cell, { minLength: 1, maxLength: 4 }).map((cells) => cells.join(',')), fc.constant(''));
    const eol = fc.constantFrom('\n', '\r\n', '\r');
    const text = fc.array(fc.tuple(line, eol), { minLength: 1, maxLength: 10 }).map((ls) => ls.map(([l, e]) => l + e).join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 40 }), (t, chunk) => {
        const whole = tokenize(t).map((r) => [r.line, r.cells]);
        expect(tokenize(t, chunk).map((r) => [r.line, r.cells])).toEqual(whole);
      }),
      { numRuns: 500 },
    );
  });
});
