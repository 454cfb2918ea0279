import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idCheckChar, maskId, normaliseId } from '../../src/normalise/normalise-id.js';

// Fictional numbers built with the real check algorithm.
const withCheck = (first17: string): string => first17 + idCheckChar(first17);
const F = withCheck('11010519491231002'); // 11010519491231002X
const M = withCheck('43010419900307123'); // odd sequence digit → male

describe('idCheckChar', () => {
  it.each([
    ['11010519491231002', 'X'],
    ['44052418800101001', '4'],
  ])('%s → %s', (first17, check) => expect(idCheckChar(first17)).toBe(check));

  it('round trips on random valid IDs', () => {
    const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
    // years beyond 1850–2100 take another path to their shared date string
    const date = fc.date({ min: new Date('1850-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.constantFrom('11', '43', '65', '81'), digits(4), date, digits(3), (prov, rest, iso, seq) => {
        const id = withCheck(prov + rest + iso.replaceAll('-', '') + seq);
        const n = normaliseId(id);
        expect(n.quality).toBe('valid');
        expect(n.value).toBe(id);
        expect(n.birthDate).toBe(iso);
        expect(n.sex).toBe(+seq[2]! % 2 === 1 ? 'M' : 'F');
        // normalisation is idempotent, and one changed digit fails the check
        expect(normaliseId(n.value)).toEqual(n);
        const i = 6 + (+seq % 8);
        const typo = id.slice(0, i) + ((+id[i]! + 1) % 10) + id.slice(i + 1);
        expect(normaliseId(typo).quality).not.toBe('valid');
      }),
    );
  });
});

describe('normaliseId', () => {
  it.each([
    ['clean', F, F, 'valid'],
    ['lower-case x', F.toLowerCase(), F, 'valid'],
    ['fullwidth', F.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)), F, 'valid'],
    ['multiplication sign', F.slice(0, 17) + '×', F, 'valid'],
    ['inner spaces and dashes', `${F.slice(0, 6)} ${F.slice(6, 14)}-${F.slice(14)}`, F, 'valid'],
    ['apostrophe forcing text', `'${M}`, M, 'valid'],
    ['surrounding blanks', `  ${M}\t`, M, 'valid'],
    ['blank', '', '', 'none'],
    ['eighteen zeros', '000000000000000000', '', 'none'],
    ['placeholder', '无', '', 'none'],
    ['check failed', F.slice(0, 17) + '1', F.slice(0, 17) + '1', 'check_failed'],
    ['last three digits zeroed', '430104199003071000', '430104199003071000', 'damaged'],
    ['scientific, short', '4.30104E+17', '', 'damaged'],
    ['scientific, 15 digits', '4.30104199003071E+17', '', 'damaged'],
    ['impossible date', '110105194902300021', '', 'malformed'],
    ['wrong length', '1101051949123100', '', 'malformed'],
    ['letters', '11010519491231ABCD', '', 'malformed'],
    ['unknown province', withCheck('99010519491231002').replace(/^9/, '0'), '', 'malformed'],
  ])('%s', (_label, raw, value, quality) => {
    const n = normaliseId(raw);
    expect(n.quality).toBe(quality);
    expect(n.value).toBe(value);
  });

  it('upgrades a legacy 15-digit number', () => {
    const n = normaliseId('110105491231002');
    expect(n).toEqual({ value: F, quality: 'valid', kind: 'resident', legacy15: true, birthDate: '1949-12-31', sex: 'F' });
  });

  it('derives birth date and sex also when the check fails', () => {
    const n = normaliseId(M.slice(0, 17) + (M[17] === '0' ? '1' : '0'));
    expect(n).toMatchObject({ quality: 'check_failed', birthDate: '1990-03-07', sex: 'M' });
  });

  it('keeps the birth date of damaged numbers but not the lost sex digit', () => {
    expect(normaliseId('430104199003071000')).toMatchObject({ birthDate: '1990-03-07', sex: '' });
    expect(normaliseId('4.30104199003071E+17')).toMatchObject({ birthDate: '1990-03-07', sex: '' });
  });

  it.each([
    [withCheck('81000019900307123'), 'hmt_permit'],
    [withCheck('83000019900307124'), 'hmt_permit'],
    [withCheck('94315619900307123'), 'foreigner'],
    [M, 'resident'],
  ])('kind of %s is %s', (raw, kind) => {
    const n = normaliseId(raw);
    expect(n.kind).toBe(kind);
    expect(n.quality).toBe('valid');
  });

  it('does not validate the county part (address codes are historical)', () => {
    expect(normaliseId(withCheck('43999919900307123')).quality).toBe('valid');
  });
});

describe('maskId', () => {
  it.each([
    ['430104199003071234', '430104********1234'],
    ['', ''],
  ])('%s → %s', (value, masked) => expect(maskId(value)).toBe(masked));
});
