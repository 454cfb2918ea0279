import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PersonRecord, SourceKind, UtilityRecord } from '../../src/model.js';
import { idCheckChar } from '../../src/normalise/normalise-id.js';
import { normaliseRow } from '../../src/normalise/normalise-row.js';
import type { SourceConfig } from '../../src/pipeline/pipeline-schema.js';

const source = (kind: SourceKind, name = 'src', values: Record<string, Record<string, string>> = {}): SourceConfig => ({
  name,
  kind,
  path: `${name}.csv`,
  encoding: 'auto',
  delimiter: ',',
  columns: {},
  values,
});
const withCheck = (first17: string): string => first17 + idCheckChar(first17);
// Fictional people.
const ID_M = withCheck('43010419900307123'); // 1990-03-07, male
const ID_MOTHER = withCheck('43010419920815002'); // 1992-08-15, female

const enumRow = (over: Record<string, string> = {}): Record<string, string> => ({
  record_key: 'E001',
  area_code: '430104001001012',
  household_id: 'H01',
  address: '芙蓉路12号3栋2单元301室',
  name: '测试甲',
  id_number: ID_M,
  sex: '男',
  birth_date: '1990-3-7',
  presence: '在户',
  ...over,
});

const person = (r: ReturnType<typeof normaliseRow>): PersonRecord => {
  expect(r.reject).toBeNull();
  return r.record as PersonRecord;
};
const codes = (rec: { marks: { code: string }[] }): string[] => rec.marks.map((m) => m.code).sort();

describe('normaliseRow: enumeration', () => {
  it('normalises a clean row', () => {
    const rec = person(normaliseRow(source('enumeration', 'roster'), enumRow({ hukou_place: '1', enumerator_id: ' P07 ' }), 5, 42));
    expect(rec).toMatchObject({
      ix: 42,
      line: 5,
      source: 'roster',
      recordKey: 'E001',
      kind: 'enumeration',
      sex: 'M',
      birthDate: '1990-03-07',
      presence: 'resident',
      hukouPlace: 'here',
      household: 'H01',
      enumeratorId: 'P07',
      areaCode: '430104001001012',
      dwelling: '芙蓉路12号3栋2单元301',
      details: null,
    });
    expect(rec.id.quality).toBe('valid');
    expect(rec.marks).toEqual([]);
  });

  it.each<[string, Record<string, string>, string[]]>([
    ['sex filled from the ID', { sex: '' }, ['SEX_FROM_ID']],
    ['birth date filled from the ID', { birth_date: '' }, ['BIRTH_FROM_ID']],
    ['unreadable birth date replaced from the ID', { birth_date: '1990-02-30' }, ['BIRTH_FROM_ID']],
    ['stated sex differs from the ID', { sex: '女' }, ['ID_SEX_MISMATCH']],
    ['stated birth date differs from the ID', { birth_date: '1990-07-03' }, ['ID_BIRTH_MISMATCH']],
    ['check character wrong', { id_number: ID_M.slice(0, 17) + (ID_M[17] === '1' ? '2' : '1') }, ['ID_CHECK_FAILED']],
    ['spreadsheet damage', { id_number: '4.30104199003071E+17' }, ['ID_DAMAGED']],
    ['malformed ID', { id_number: '12345' }, ['ID_MALFORMED']],
    ['no ID, no sex', { id_number: '', sex: '' }, ['SEX_UNKNOWN']],
    ['unrecognised hukou place', { hukou_place: '9' }, ['HUKOU_PLACE_UNKNOWN']],
    ['bad area code', { area_code: 'abc' }, ['BAD_AREA_CODE']],
    ['placeholder name with a valid ID', { name: '不详' }, ['NAME_MISSING']],
  ])('%s is kept and marked', (_label, over, expected) => {
    expect(codes(person(normaliseRow(source('enumeration'), enumRow(over), 2, 0)))).toEqual(expected);
  });

  it('keeps the stated birth date and explains the mismatch without personal data', () => {
    const rec = person(normaliseRow(source('enumeration'), enumRow({ birth_date: '1990-07-03' }), 2, 0));
    expect(rec.birthDate).toBe('1990-07-03');
    expect(rec.marks[0]).toEqual({ code: 'ID_BIRTH_MISMATCH', field: 'birth_date', detail: 'id 1990-03-07 vs stated 1990-07-03' });
  });

  it.each<[string, Record<string, string>, string, string]>([
    ['blank record key', { record_key: ' ' }, 'record_key', 'MISSING_FIELD'],
    ['no name and no ID', { name: '', id_number: '' }, 'name', 'NO_IDENTITY'],
    ['placeholder name and malformed ID', { name: '无', id_number: '123' }, 'name', 'NO_IDENTITY'],
    ['unrecognised presence', { presence: '？' }, 'presence', 'BAD_VALUE'],
    ['blank presence', { presence: '' }, 'presence', 'MISSING_FIELD'],
    ['unreadable birth date, no ID', { id_number: '', birth_date: '1990-13-01' }, 'birth_date', 'BAD_DATE'],
  ])('rejects %s', (_label, over, field, code) => {
    const r = normaliseRow(source('enumeration'), enumRow(over), 9, 0);
    expect(r.record).toBeNull();
    expect(r.reject).toMatchObject({ source: 'src', line: 9, field, code });
  });

  it('uses the local value map', () => {
    const src = source('enumeration', 'roster', { presence: { A: 'resident', B: 'away' }, sex: { X: 'F' } });
    const rec = person(normaliseRow(src, enumRow({ presence: 'B', sex: 'X', id_number: '' }), 2, 0));
    expect(rec.presence).toBe('away');
    expect(rec.sex).toBe('F');
  });
});

describe('normaliseRow: other kinds', () => {
  it('register: status, household and status date', () => {
    const row = {
      record_key: 'R1', household_no: 'HH9', area_code: '430104001001', address: '芙蓉路12号3栋2单元301',
      name: '测试甲', id_number: ID_M, sex: '1', birth_date: '19900307', status: '已迁出', status_date: '2019年3月7日',
    };
    const rec = person(normaliseRow(source('register', 'hukou'), row, 2, 1));
    expect(rec).toMatchObject({ status: 'moved_out', statusDate: '2019-03-07', household: 'HH9', source: 'hukou', recordKey: 'R1' });
    const bad = normaliseRow(source('register', 'hukou'), { ...row, status: '其他' }, 3, 2);
    expect(bad.reject).toMatchObject({ field: 'status', code: 'BAD_VALUE' });
  });

  const birthRow = (over: Record<string, string> = {}) => ({
    record_key: 'B1', sex: '女', birth_date: '2020/10/1', mother_name: '测试乙', mother_id: ID_MOTHER,
    address: '芙蓉路12号3-2-301', child_name: '', ...over,
  });

  it('births: the record describes the child', () => {
    const rec = person(normaliseRow(source('births'), birthRow(), 2, 0));
    expect(rec.name).toEqual({ display: '', key: '', surname: '', given: '', pinyin: '', pinyinFuzzy: '' });
    expect(rec.id.quality).toBe('none');
    expect(rec).toMatchObject({ sex: 'F', birthDate: '2020-10-01', dwelling: '芙蓉路12号3栋2单元301' });
    expect(rec.details?.motherName?.key).toBe('测试乙');
    expect(rec.details?.motherId?.value).toBe(ID_MOTHER);
    expect(rec.details?.fatherId).toBeNull();
    expect(rec.details).toMatchObject({ school: '', grade: '', guardianName: null, deathDate: '' });
  });

  it.each<[string, Record<string, string>, string, string]>([
    ['no birth date', { birth_date: '' }, 'birth_date', 'MISSING_FIELD'],
    ['unreadable birth date', { birth_date: '2020-02-30' }, 'birth_date', 'BAD_DATE'],
    ['no mother name or ID', { mother_name: '', mother_id: '' }, 'mother_name', 'NO_MOTHER'],
  ])('births: rejects %s', (_label, over, field, code) => {
    expect(normaliseRow(source('births'), birthRow(over), 2, 0).reject).toMatchObject({ field, code });
  });

  it('births: a mother known only by her ID is enough', () => {
    expect(normaliseRow(source('births'), birthRow({ mother_name: '' }), 2, 0).reject).toBeNull();
  });

  it('schooling: guardian and school', () => {
    const row = {
      record_key: 'S1', name: '測試丙', sex: '女', birth_date: '2012-09-01', address: '芙蓉路12号', school: ' 第一小学 ', grade: '3',
      guardian_name: '测试乙', guardian_id: ID_MOTHER,
    };
    const rec = person(normaliseRow(source('schooling'), row, 2, 0));
    expect(rec).toMatchObject({ details: { school: '第一小学', grade: '3', motherId: null }, birthDate: '2012-09-01' });
    expect(rec.name.key).toBe('测试丙');
    expect(rec.details?.guardianName?.key).toBe('测试乙');
    expect(rec.marks).toEqual([]);
  });

  it('deaths: death date required, sex and birth optional', () => {
    const rec = person(normaliseRow(source('deaths'), { record_key: 'D1', name: '测试甲', id_number: ID_M, death_date: '2020-05-01' }, 2, 0));
    expect(rec).toMatchObject({ details: { deathDate: '2020-05-01', school: '' }, sex: 'M', birthDate: '1990-03-07' });
    expect(codes(rec)).toEqual(['BIRTH_FROM_ID', 'SEX_FROM_ID']);
    const bad = normaliseRow(source('deaths'), { record_key: 'D2', name: '测试甲', death_date: '去年' }, 3, 1);
    expect(bad.reject).toMatchObject({ field: 'death_date', code: 'BAD_DATE' });
  });

  const utilRow = (over: Record<string, string> = {}) => ({
    record_key: 'U1', utility: '电', address: '芙蓉路12号3栋2单元301', period: '202009', consumption: '1,234.5', ...over,
  });

  it('utilities: one dwelling-month', () => {
    const r = normaliseRow(source('utilities', 'power'), utilRow({ holder_name: '测试甲', holder_id: '123' }), 2, 7);
    expect(r.reject).toBeNull();
    expect(r.record as UtilityRecord).toMatchObject({
      ix: 7, source: 'power', recordKey: 'U1', utility: 'electricity', period: '2020-09', consumption: 1234.5, dwelling: '芙蓉路12号3栋2单元301',
    });
    // the holder is mapped but not read: no finding uses it
    expect(r.record).not.toHaveProperty('holderName');
    expect(r.record?.marks).toEqual([]);
  });

  it.each<[string, number]>([
    ['35度', 35],
    ['1,234.5', 1234.5],
    ['120', 120],
    ['007', 7],
    ['12.5', 12.5],
    ['12.', 12],
    ['.5', 0.5],
    ['１２３', 123],
    [' 88 ', 88],
    ['8吨', 8],
  ])('utilities: reads the consumption %j as %d', (cell, value) => {
    expect((normaliseRow(source('utilities'), utilRow({ consumption: cell }), 2, 0).record as UtilityRecord).consumption).toBe(value);
  });

  it.each<[Record<string, string>, string, string]>([
    [{ utility: '宽带' }, 'utility', 'BAD_VALUE'],
    [{ period: '2020-13' }, 'period', 'BAD_PERIOD'],
    [{ period: '' }, 'period', 'MISSING_FIELD'],
    [{ consumption: '-3' }, 'consumption', 'NEGATIVE_CONSUMPTION'],
    [{ consumption: 'abc' }, 'consumption', 'BAD_NUMBER'],
    [{ consumption: '1.2.3' }, 'consumption', 'BAD_NUMBER'],
    [{ consumption: '' }, 'consumption', 'MISSING_FIELD'],
  ])('utilities: rejects %j', (over, field, code) => {
    expect(normaliseRow(source('utilities'), utilRow(over), 2, 0).reject).toMatchObject({ field, code });
  });
});

describe('normaliseRow: invariants', () => {
  it('gives exactly one of record or reject, and never leaks names or ID numbers', () => {
    const cellArb = fc.oneof(
      fc.constantFrom('', ' ', '男', '女', '在户', '外出', '1990-3-7', '19900307', '测试丁', '无', ID_M, ID_M.toLowerCase(), '4.30104E+17', '-1', 'x'),
      fc.string({ maxLength: 12 }),
    );
    const row = fc.record({
      record_key: cellArb, area_code: cellArb, household_id: cellArb, address: cellArb, name: cellArb,
      id_number: cellArb, sex: cellArb, birth_date: cellArb, presence: cellArb,
    });
    fc.assert(
      fc.property(row, (r) => {
        const out = normaliseRow(source('enumeration'), r, 2, 0);
        expect((out.record === null) !== (out.reject === null)).toBe(true);
        const texts = out.reject ? [out.reject.reason] : out.record!.marks.map((m) => m.detail ?? '');
        for (const t of texts) {
          // Short ASCII strings ("al") occur inside the plain-English reasons themselves; Chinese names cannot.
          const name = r.name.trim();
          if (name.length > 1 && !/^[\x20-\x7e]+$/.test(name)) expect(t).not.toContain(name);
          expect(t).not.toContain(ID_M);
        }
      }),
    );
  });
});
