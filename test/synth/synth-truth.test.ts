import { describe, expect, it } from 'vitest';
import { TRUTH_RULES, emptyFacts, idCollisions, type PersonFacts, type TruthFinding } from '../../src/synth/synth-truth.js';

const A = '430124001001001';
const V = '430124001001';
const res = (ref: string, dwelling = 1, village12 = V) => ({ ref, area15: A, village12, dwelling });
const reg = (ref: string, o: Partial<PersonFacts['register'][number]> = {}) => ({
  ref,
  active: true,
  inScope: true,
  village12: V,
  dwelling: 1,
  occupiedUnenumerated: false,
  area15: A,
  ...o,
});
const rec = (ref: string, o: Partial<PersonFacts['records'][number]> = {}) => ({ ref, name: '王丽', sex: 'F' as const, birth: '1980-01-01', id: '', idValid: false, ...o });

function facts(o: Partial<PersonFacts>): PersonFacts {
  return { ...emptyFacts('T1', A), ...o };
}
function evaluate(p: PersonFacts): Array<Pick<TruthFinding, 'type' | 'refs' | 'detail'>> {
  return TRUTH_RULES.flatMap((r) => r.evaluate(p)).map(({ type, refs, detail }) => ({ type, refs, detail }));
}

describe('truth rules', () => {
  it.each<[string, Partial<PersonFacts>, Array<Pick<TruthFinding, 'type' | 'refs' | 'detail'>>]>([
    ['enumerated at the registered dwelling: nothing', { resident: [res('c:1')], register: [reg('h:1')] }, []],
    ['two resident records: DUPLICATE', { resident: [res('c:2'), res('c:1')], register: [reg('h:1')] }, [{ type: 'DUPLICATE', refs: ['c:1', 'c:2'], detail: '' }]],
    ['away here, resident elsewhere in the town: not a duplicate', { resident: [res('c:1', 2, '430124001002')], away: ['c:2'], register: [reg('h:1')] }, [{ type: 'NOT_AT_REGISTERED_ADDRESS', refs: ['c:1', 'h:1'], detail: 'WITHIN_TOWN' }]],
    ['resident in another town', { resident: [res('c:1', 2, '430124101201')], register: [reg('h:1')] }, [{ type: 'NOT_AT_REGISTERED_ADDRESS', refs: ['c:1', 'h:1'], detail: 'WITHIN_COUNTY' }]],
    ['registered in the neighbouring county', { resident: [res('c:1')], register: [reg('h:1', { inScope: false, dwelling: -1, village12: '430181100200' })] }, [{ type: 'NOT_AT_REGISTERED_ADDRESS', refs: ['c:1', 'h:1'], detail: 'OUTSIDE_COUNTY' }]],
    ['no register entry, declared 其他县', { resident: [res('c:1')], declaredOutside: true }, [{ type: 'NOT_AT_REGISTERED_ADDRESS', refs: ['c:1'], detail: 'OUTSIDE_COUNTY' }]],
    ['no register entry, declared 户口待定', { resident: [res('c:1')] }, [{ type: 'UNREGISTERED', refs: ['c:1'], detail: '' }]],
    ['register only, no utility occupancy: REGISTERED_ABSENT', { register: [reg('h:1')] }, [{ type: 'REGISTERED_ABSENT', refs: ['h:1'], detail: '' }]],
    ['register only, dwelling occupied and nobody enumerated there: OMISSION', { register: [reg('h:1', { occupiedUnenumerated: true })] }, [{ type: 'OMISSION', refs: ['h:1'], detail: '' }]],
    ['schooling + register, not enumerated: OMISSION', { register: [reg('h:1')], school: [{ ref: 's:1', area15: A }] }, [{ type: 'OMISSION', refs: ['h:1', 's:1'], detail: '' }]],
    ['birth before the reference moment, unregistered, not enumerated', { births: [{ ref: 'b:1', beforeRef: true, area15: A }] }, [{ type: 'OMISSION', refs: ['b:1'], detail: '' }, { type: 'UNREGISTERED', refs: ['b:1'], detail: '' }]],
    ['born after the reference moment: out of scope', { births: [{ ref: 'b:1', beforeRef: false, area15: A }], register: [reg('h:1')], bornAfterRef: true }, []],
    ['listed as away only: nothing', { away: ['c:1'], register: [reg('h:1', { occupiedUnenumerated: true })] }, []],
    ['dead before the reference moment, still active', { register: [reg('h:1', { occupiedUnenumerated: true })], deathsBeforeRef: ['d:1'] }, [{ type: 'DECEASED_NOT_CANCELLED', refs: ['d:1', 'h:1'], detail: '' }]],
    ['dead and cancelled', { register: [reg('h:1', { active: false })], deathsBeforeRef: ['d:1'] }, []],
    ['moved out of the county: nothing', { register: [reg('h:1', { active: false })] }, []],
  ])('%s', (_label, o, expected) => {
    expect(evaluate(facts(o))).toEqual(expected);
  });

  it.each<[string, PersonFacts['records'], string[]]>([
    ['same values', [rec('c:1'), rec('h:1')], []],
    ['name typo', [rec('c:1'), rec('h:1', { name: '王莉' })], ['NAME']],
    ['birth date typo', [rec('c:1'), rec('h:1', { birth: '1980-10-01' })], ['BIRTH_DATE']],
    ['ID disagrees with stated birth date and sex', [rec('c:1', { id: '440524198001020014', idValid: true })], ['SEX', 'BIRTH_DATE']],
    ['ID fails its check', [rec('c:1', { id: '440524198001010015', idValid: false })], ['ID_NUMBER']],
    ['blank child name on a birth record', [rec('b:1', { name: '' }), rec('c:1')], []],
  ])('ATTRIBUTE_CONFLICT: %s', (_label, records, fields) => {
    const found = evaluate(facts({ records, resident: [res('c:1')], register: [reg('h:1')] })).filter((f) => f.type === 'ATTRIBUTE_CONFLICT');
    expect(found.map((f) => f.detail)).toEqual(fields);
  });

  it('ID_COLLISION when one valid ID is carried by records of two people', () => {
    const a = facts({ trueId: 'T1', records: [rec('c:1', { id: '440524198001010014', idValid: true }), rec('h:1', { id: '440524198001010014', idValid: true })] });
    const b = facts({ trueId: 'T2', records: [rec('h:2', { id: '440524198001010014', idValid: true })] });
    expect(idCollisions([a, b]).map((f) => f.refs)).toEqual([['c:1', 'h:1', 'h:2']]);
    expect(idCollisions([a])).toEqual([]);
  });
});
