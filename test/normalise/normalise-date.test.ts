import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDate, parsePeriod } from '../../src/normalise/normalise-date.js';

describe('parseDate', () => {
  it.each([
    ['2019-3-7', '2019-03-07'],
    ['2019/03/07', '2019-03-07'],
    ['2019.3.7', '2019-03-07'],
    ['20190307', '2019-03-07'],
    ['2019年3月7日', '2019-03-07'],
    ['２０１９年３月７日', '2019-03-07'],
    ['2019-03-07 00:00:00', '2019-03-07'],
    ['2019/3/7 8:05', '2019-03-07'],
    ['  2020-02-29 ', '2020-02-29'],
    ['', ''],
    ['   ', ''],
    ['2019-02-30', null],
    ['2019-02-29', null],
    ['1900-02-29', null],
    ['2019-13-01', null],
    ['43531', null],
    ['1889-12-31', null],
    ['2101-01-01', null],
    ['not a date', null],
    ['07/03/2019', null],
  ])('%j → %j', (raw, expected) => expect(parseDate(raw)).toBe(expected));

  it('is idempotent on its own output', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1890-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        expect(parseDate(iso)).toBe(iso);
        expect(parseDate(iso.replaceAll('-', ''))).toBe(iso);
      }),
    );
  });

  it('reads plain digit spellings (checked digit by digit) as the full rules read them', () => {
    const pad = (n: number, width: number): string => String(n).padStart(width, '0');
    fc.assert(
      fc.property(
        fc.integer({ min: 1850, max: 2150 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.constantFrom('-', '/', '.'),
        fc.constantFrom('-', '/', '.', ''),
        (y, m, d, sep1, sep2) => {
          const plain = sep2 === '' ? `${pad(y, 4)}${pad(m, 2)}${pad(d, 2)}` : `${pad(y, 4)}${sep1}${pad(m, 2)}${sep2}${pad(d, 2)}`;
          const day = new Date(Date.UTC(y, m - 1, d));
          const real = m >= 1 && m <= 12 && d >= 1 && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
          const expected = real && y >= 1890 && y <= 2100 ? `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}` : null;
          expect(parseDate(plain)).toBe(expected);
          // a trailing space takes the spelling through the regular expressions
          expect(parseDate(`${plain} `)).toBe(expected);
        },
      ),
    );
  });

  it.each([['2019-0a-07'], ['2019_03_07'], ['2019-03-07x'], ['1990030x']])('%j is not a date', (raw) =>
    expect(parseDate(raw)).toBeNull(),
  );
});

describe('parsePeriod', () => {
  it.each([
    ['2020-09', '2020-09'],
    ['202009', '2020-09'],
    ['2020/9', '2020-09'],
    ['2020年9月', '2020-09'],
    ['2020-09-01', '2020-09'],
    ['2020-09-01 00:00:00', '2020-09'],
    ['', ''],
    ['2020-13', null],
    ['2020', null],
    ['September', null],
  ])('%j → %j', (raw, expected) => expect(parsePeriod(raw)).toBe(expected));
});
