import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordRef } from '../../src/lib/record-ref.js';
import { utilityRef } from '../../src/lib/utility-table.js';
import { FINDING_TYPES, type PersonRecord } from '../../src/model.js';
import { compareFindings, reconcile } from '../../src/reconcile/reconcile.js';
import { RULES } from '../../src/reconcile/rules/index.js';
import { buildContext } from '../../src/reconcile/build-context.js';
import { AREA, WINDOW, makeIdValue, makeInput, type RecordSpec, type Situation, type UtilitySpec } from './make-record.js';

const NAMES = ['王丽', '王莉', '李伟', '张秀英', '欧阳娜'];
const ADDRESSES = ['幸福路1号', '幸福路2号', '光明路9号'];
const AREAS = [AREA.village, AREA.otherVillage, AREA.otherTown, AREA.otherCounty];
const DATES = ['1950-01-02', '2019-12-31', '2020-10-31', '2020-11-01', '2020-11-02'];

const recordArb: fc.Arbitrary<RecordSpec> = fc
  .record({
    kind: fc.constantFrom('enumeration', 'enumeration', 'register', 'register', 'births', 'schooling', 'deaths') as fc.Arbitrary<PersonRecord['kind']>,
    person: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
    name: fc.constantFrom(...NAMES),
    address: fc.constantFrom(...ADDRESSES),
    area: fc.constantFrom(...AREAS),
    presence: fc.constantFrom('resident', 'resident', 'away') as fc.Arbitrary<'resident' | 'away'>,
    hukouPlace: fc.constantFrom('', 'here', 'town', 'county', 'outside_county', 'pending') as fc.Arbitrary<PersonRecord['hukouPlace']>,
    status: fc.constantFrom('active', 'active', 'moved_out', 'deceased') as fc.Arbitrary<PersonRecord['status']>,
    date: fc.constantFrom(...DATES),
    sex: fc.constantFrom('M', 'F') as fc.Arbitrary<'M' | 'F'>,
    withId: fc.boolean(),
  })
  .map((r) => ({
    kind: r.kind,
    key: '',
    person: r.person,
    name: r.name,
    address: r.address,
    sex: r.sex,
    areaCode: r.kind === 'enumeration' ? `${r.area}001` : r.area,
    presence: r.kind === 'enumeration' ? r.presence : '',
    hukouPlace: r.kind === 'enumeration' ? r.hukouPlace : '',
    status: r.kind === 'register' ? r.status : '',
    birthDate: r.kind === 'deaths' ? '1950-01-02' : r.date,
    deathDate: r.kind === 'deaths' ? r.date : '',
    id: r.withId ? makeIdValue('1950-01-02', r.sex) : '',
  }));

const utilityArb: fc.Arbitrary<UtilitySpec> = fc.record({
  key: fc.constant(''),
  address: fc.constantFrom(...ADDRESSES, '幸福路8号'),
  period: fc.constantFrom(...WINDOW, '2020-11'),
  consumption: fc.constantFrom(0, 5, 100),
  utility: fc.constantFrom('water', 'electricity', 'gas') as fc.Arbitrary<'water' | 'electricity' | 'gas'>,
});

const situationArb: fc.Arbitrary<Situation> = fc
  .record({
    records: fc.array(recordArb, { maxLength: 14 }),
    utilities: fc.array(utilityArb, { maxLength: 8 }),
    review: fc.array(fc.tuple(fc.nat(13), fc.nat(13), fc.double({ min: 0.5, max: 0.98, noNaN: true })), { maxLength: 2 }),
  })
  .map(({ records, utilities, review }) => ({
    records: records.map((r, i) => ({ ...r, key: `K${i}` })),
    utilities: utilities.map((u, i) => ({ ...u, key: `U${i}` })),
    review: review.filter(([l, r]) => l < records.length && r < records.length && l !== r).map(([l, r, p]) => [`K${l}`, `K${r}`, p] as [string, string, number]),
  }));

describe('reconcile invariants', () => {
  it('never produces the same finding twice, and every finding is well formed', () => {
    fc.assert(
      fc.property(situationArb, (s) => {
        const input = makeInput(s);
        const refs = new Set([...input.persons.map(recordRef), ...Array.from({ length: input.utilities.length }, (_, i) => utilityRef(input.utilities, i))]);
        const ctx = buildContext(input);
        for (const rule of RULES) {
          const keys = rule.evaluate(ctx).map((f) => `${f.type}|${f.type === 'ATTRIBUTE_CONFLICT' ? f.detail : ''}|${f.recordRefs.join(';')}`);
          expect(new Set(keys).size).toBe(keys.length);
        }
        const fs = reconcile(input);
        expect(new Set(fs.map((f) => f.findingId)).size).toBe(fs.length);
        for (const f of fs) {
          expect([...f.recordRefs].sort()).toEqual(f.recordRefs);
          expect(f.recordRefs.length).toBeGreaterThan(0);
          for (const ref of f.recordRefs) expect(refs.has(ref)).toBe(true);
          expect([1, 2, 3]).toContain(f.priority);
          // the person's position, which the writer finds representative records by, names the same person
          expect(f.personIndex < 0 ? '' : input.linkage.personIds[f.personIndex]).toBe(f.personId);
          for (const name of NAMES) expect(f.reasonZh + f.reasonEn).not.toContain(name);
          expect(f.reasonZh + f.reasonEn).not.toMatch(/\d{17}[\dX]/);
        }
        expect([...fs].sort(compareFindings)).toEqual(fs);
        expect(reconcile(input)).toEqual(fs);
      }),
      { numRuns: 300 },
    );
  });

  it('holds the reference moment: no omission, absence or unregistered outside it', () => {
    fc.assert(
      fc.property(situationArb, (s) => {
        const input = makeInput(s);
        const ctx = buildContext(input);
        const fs = reconcile(input);
        const byPerson = new Map(Array.from({ length: ctx.personCount }, (_, i) => ctx.personAt(i)).map((p) => [p.personId, p]));
        for (const f of fs) {
          if (f.type !== 'OMISSION' && f.type !== 'REGISTERED_ABSENT' && f.type !== 'UNREGISTERED') continue;
          const p = byPerson.get(f.personId)!;
          expect(p.bornAfterReference).toBe(false);
          // an enumerated resident was alive whatever a death record says
          if (p.resident.length === 0) expect(p.diedBeforeReference).toBe(false);
          if (f.type !== 'UNREGISTERED') expect(p.resident.length + p.away.length).toBe(0);
        }
        const omitted = new Set(fs.filter((f) => f.type === 'OMISSION').map((f) => f.personId));
        for (const f of fs) if (f.type === 'REGISTERED_ABSENT') expect(omitted.has(f.personId)).toBe(false);
        for (const f of fs) {
          if (f.type === 'VACANT_REGISTERED_DWELLING' || f.type === 'OCCUPIED_NOT_ENUMERATED') expect(f.personId).toBe('');
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('reconcile', () => {
  it('has one rule per finding type, in FINDING_TYPES order', () => {
    expect(RULES.map((r) => r.type)).toEqual([...FINDING_TYPES]);
    for (const r of RULES) expect(r.description).not.toBe('');
  });

  it('gives the same finding the same id in every run', () => {
    const s: Situation = { records: [{ kind: 'enumeration', key: 'E1' }, { kind: 'enumeration', key: 'E2', person: 'x' }, { kind: 'enumeration', key: 'E3', person: 'x' }] };
    const a = reconcile(makeInput(s));
    const b = reconcile(makeInput({ records: [...s.records!].reverse() }));
    expect(a.map((f) => f.findingId).sort()).toEqual(b.map((f) => f.findingId).sort());
    expect(a.map((f) => f.findingId)).toEqual(expect.arrayContaining([expect.stringMatching(/^F[0-9a-f]{16}$/)]));
  });

  it('sorts by type, area and address', () => {
    const fs = reconcile(
      makeInput({
        records: [
          { kind: 'enumeration', key: 'E2', address: '幸福路2号' },
          { kind: 'enumeration', key: 'E1', address: '幸福路1号' },
          { kind: 'register', key: 'R1', address: '光明路1号' },
        ],
      }),
    );
    expect(fs.map((f) => [f.type, f.address])).toEqual([
      ['REGISTERED_ABSENT', '光明路1号'],
      ['UNREGISTERED', '幸福路1号'],
      ['UNREGISTERED', '幸福路2号'],
      ['VACANT_REGISTERED_DWELLING', '光明路1号'],
    ]);
  });
});
