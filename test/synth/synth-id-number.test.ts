import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  idCheckPasses,
  impliedByIdNumber,
  makeIdNumber,
  toFullwidth,
  toLegacy15,
  toScientific,
  toTrailingZeros,
  transposeIdNumber,
  typoIdNumber,
} from '../../src/synth/synth-id-number.js';

const idArb = fc
  .record({
    code: fc.constantFrom('430124', '432321', '440304', '650102'),
    day: fc.integer({ min: 0, max: 40000 }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ code, day, seq }) => {
    const d = new Date(Date.UTC(1910, 0, 1) + day * 86_400_000);
    const ymd = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
    return makeIdNumber(code, ymd, seq);
  });

/** Upgrades a 15-digit number the way GB 11643 says (insert 19, add check character). */
function upgrade15(id15: string): string {
  const body = id15.slice(0, 6) + '19' + id15.slice(6);
  return makeIdNumber(body.slice(0, 6), body.slice(6, 14), Number(body.slice(14, 17)));
}

describe('synth ID numbers', () => {
  it.each([
    ['11010519491231002', '11010519491231002X'],
    ['44052418800101001', '440524188001010014'],
  ])('check character of %s', (body, full) => {
    expect(makeIdNumber(body.slice(0, 6), body.slice(6, 14), Number(body.slice(14)))).toBe(full);
    expect(idCheckPasses(full)).toBe(true);
  });

  it('implies birth date and sex', () => {
    expect(impliedByIdNumber('440524188001010014')).toEqual({ birth: '1880-01-01', sex: 'M' });
  });

  it('builds valid numbers; a one-digit typo or an adjacent transposition always fails the check', () => {
    fc.assert(
      fc.property(idArb, fc.double({ min: 0, max: 0.999 }), fc.double({ min: 0, max: 0.999 }), (id, r1, r2) => {
        expect(idCheckPasses(id)).toBe(true);
        const typo = typoIdNumber(id, r1, r2);
        expect(typo).not.toBe(id);
        expect(idCheckPasses(typo)).toBe(false);
        const swapped = transposeIdNumber(id, r1);
        if (swapped) expect(idCheckPasses(swapped)).toBe(false);
      }),
    );
  });

  it('legacy 15-digit numbers upgrade back to the same 18-digit number', () => {
    fc.assert(
      fc.property(idArb, (id) => {
        const old = toLegacy15(id);
        if (old) expect(upgrade15(old)).toBe(id);
        else expect(id.slice(6, 8)).not.toBe('19');
      }),
    );
  });

  it('fullwidth digits normalise back with NFKC (ｘ upper-cased)', () => {
    fc.assert(
      fc.property(idArb, (id) => {
        expect(toFullwidth(id).normalize('NFKC').toUpperCase()).toBe(id);
      }),
    );
  });

  it('damages numbers the way spreadsheets do', () => {
    expect(toScientific('430124198001010014')).toBe('4.30124E+17');
    fc.assert(
      fc.property(idArb, (id) => {
        const z = toTrailingZeros(id);
        if (z) {
          expect(z.endsWith('000')).toBe(true);
          expect(idCheckPasses(z)).toBe(false);
        }
      }),
    );
  });
});
