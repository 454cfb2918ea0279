import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainPair } from '../../src/link/explain-pair.js';
import { LINK_STEPS, link } from '../../src/link/link.js';
import type { LinkageModel } from '../../src/link/linkage-model.js';
import { personId } from '../../src/link/person-ids.js';
import { scorePair } from '../../src/link/score-pair.js';
import type { PersonRecord } from '../../src/model.js';
import { pipelineSchema, type LinkageConfig } from '../../src/pipeline/pipeline-schema.js';
import { makePopulation } from './make-population.js';
import { fakeId, indexed, makeRecord, type RecordSpec } from './make-record.js';

const config: LinkageConfig = pipelineSchema.parse({
  scope: { area_prefix: '430104' },
  sources: [
    { name: 'enumeration', kind: 'enumeration', path: 'e.csv', columns: { record_key: 'a', area_code: 'b', household_id: 'c', address: 'd', name: 'e', sex: 'f', birth_date: 'g', presence: 'h' } },
    { name: 'register', kind: 'register', path: 'r.csv', columns: { record_key: 'a', household_no: 'b', area_code: 'c', address: 'd', name: 'e', sex: 'f', birth_date: 'g', status: 'h' } },
  ],
  linkage: { u_sample_pairs: 20_000 },
}).linkage;

const V = '430104001001';
const MOTHER_ID = fakeId('430104', '19900412', '024');
/** Hand-made cases, keyed by a label; a background county keeps the trained weights realistic. */
const cases: Record<string, RecordSpec> = {
  // an enumerated person without an ID and her register entry (homophone given name)
  noIdEnum: { kind: 'enumeration', name: '谭秀莲', birthDate: '1956-08-19', sex: 'F', address: '光明路77号', areaCode: `${V}001` },
  noIdReg: { kind: 'register', name: '谭秀连', birthDate: '1956-08-19', sex: 'F', address: '光明路77号', areaCode: V },
  // a typo in the register's ID (check fails), linked through the one-off level
  typoEnum: { kind: 'enumeration', name: '龚志平', birthDate: '1971-02-03', sex: 'M', id: fakeId('430104', '19710203', '031'), address: '光明路79号', areaCode: `${V}001` },
  typoReg: { kind: 'register', name: '龚志平', birthDate: '1971-02-03', sex: 'M', id: fakeId('430104', '19710203', '031').slice(0, 15) + '8' + fakeId('430104', '19710203', '031').slice(16), address: '光明路79号', areaCode: V },
  // two different people at one dwelling: never linked
  husband: { kind: 'enumeration', name: '龚建军', birthDate: '1968-05-01', sex: 'M', address: '光明路81号', areaCode: `${V}001` },
  wife: { kind: 'register', name: '谭丽华', birthDate: '1969-11-30', sex: 'F', address: '光明路81号', areaCode: V },
  // one ID on two clearly different people: 一号多人
  collA: { kind: 'enumeration', name: '邝国庆', birthDate: '1949-10-01', sex: 'M', id: fakeId('430104', '19491001', '011'), address: '光明路83号', areaCode: `${V}001` },
  collB: { kind: 'register', name: '龙小燕', birthDate: '1993-06-15', sex: 'F', id: fakeId('430104', '19491001', '011'), address: '光明路85号', areaCode: V },
  // no chaining: a register entry between two enumeration records of different people
  chainA: { kind: 'enumeration', name: '易春花', birthDate: '1962-03-14', sex: 'F', address: '光明路87号', areaCode: `${V}001`, presence: 'resident' },
  chainB: { kind: 'register', name: '易春花', birthDate: '1962-03-14', sex: 'F', address: '长青路3号', areaCode: '430104003002' },
  chainC: { kind: 'enumeration', name: '易春华', birthDate: '1962-03-17', sex: 'F', address: '长青路3号', areaCode: '430104003002001', presence: 'resident' },
  // mother, her baby enumerated without an ID, and the birth record (child unnamed)
  mother: { kind: 'enumeration', name: '蒋丽', birthDate: '1990-04-12', sex: 'F', id: MOTHER_ID, address: '光明路89号', areaCode: `${V}001`, household: 'HM' },
  baby: { kind: 'enumeration', name: '蒋小宝', birthDate: '2020-06-02', sex: 'F', address: '光明路89号', areaCode: `${V}001`, household: 'HM' },
  birth: { kind: 'births', birthDate: '2020-06-03', sex: 'F', address: '光明路89号', motherName: '蒋丽', motherId: MOTHER_ID },
  // weak evidence: a common name and the birth month only, elsewhere → review band or apart, never linked
  weakA: { kind: 'enumeration', name: '王伟', birthDate: '1985-07-09', sex: 'M', address: '长青路5号', areaCode: '430104003002001' },
  weakB: { kind: 'register', name: '王伟', birthDate: '1985-07-21', sex: 'M', address: '光明路91号', areaCode: V },
};

function build(): { records: PersonRecord[]; at: Record<string, number> } {
  const { records: background } = makePopulation(600, 11);
  const extra = Object.entries(cases).map(([key, spec]) => makeRecord({ ...spec, recordKey: `X-${key}`, source: spec.kind }));
  const records = indexed([...background, ...extra]);
  const at = Object.fromEntries(Object.keys(cases).map((key, i) => [key, background.length + i]));
  return { records, at };
}

describe('link on a small county with hand-made cases', () => {
  const { records, at } = build();
  const result = link(records, config);
  const model = result.model as LinkageModel;
  const same = (a: string, b: string): boolean => result.personOf[at[a]!] === result.personOf[at[b]!];

  it.each([
    ['noIdEnum', 'noIdReg'],
    ['typoEnum', 'typoReg'],
    ['baby', 'birth'],
  ])('links %s and %s', (a, b) => {
    expect(same(a, b)).toBe(true);
  });

  it.each([
    ['husband', 'wife'],
    ['collA', 'collB'],
    ['chainA', 'chainC'],
    ['mother', 'baby'],
    ['mother', 'birth'],
    ['weakA', 'weakB'],
  ])('keeps %s and %s apart', (a, b) => {
    expect(same(a, b)).toBe(false);
  });

  it('reports the shared ID of clearly different people as a collision', () => {
    const c = result.collisions.find((x) => x.id === records[at.collA!]!.id.value);
    expect(c?.groups).toEqual([[at.collA], [at.collB]]);
  });

  it('does not chain: A~B and B~C both link, A and C (two enumeration records) do not', () => {
    const score = (a: string, b: string) => scorePair(model, records[at[a]!]!, records[at[b]!]!);
    expect(score('chainA', 'chainB').probability).toBeGreaterThanOrEqual(config.match_threshold);
    expect(score('chainB', 'chainC').probability).toBeGreaterThanOrEqual(config.match_threshold);
    expect(score('chainA', 'chainC').matchWeight).toBeLessThan(model.strongWeight);
    expect(same('chainA', 'chainB') !== same('chainC', 'chainB')).toBe(true);
    expect(same('chainB', 'chainC')).toBe(true); // best first: B~C is the stronger edge
  });

  it('puts weak evidence in the review band, not among links', () => {
    const s = scorePair(model, records[at.weakA!]!, records[at.weakB!]!);
    expect(s.probability).toBeLessThan(config.match_threshold);
    const inReview = result.review.some((p) => p.l === at.weakA && p.r === at.weakB);
    expect(inReview).toBe(s.probability >= config.review_threshold);
    expect(result.links.l.some((l, k) => l === at.weakA && result.links.r[k] === at.weakB)).toBe(false);
  });

  it('has a review band made of pairs between the thresholds, in different persons', () => {
    for (const p of result.review) {
      expect(p.probability).toBeGreaterThanOrEqual(config.review_threshold);
      expect(p.probability).toBeLessThan(config.match_threshold);
      expect(result.personOf[p.l]).not.toBe(result.personOf[p.r]);
    }
  });

  it('recovers the background county with high precision and recall', () => {
    const bg = makePopulation(600, 11);
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < bg.truth.length; i++)
      for (let j = i + 1; j < bg.truth.length; j++) {
        const t = bg.truth[i] === bg.truth[j];
        const p = result.personOf[i] === result.personOf[j];
        if (t && p) tp++;
        else if (p) fp++;
        else if (t) fn++;
      }
    expect(tp / (tp + fp)).toBeGreaterThan(0.98);
    expect(tp / (tp + fn)).toBeGreaterThan(0.97);
  });

  it("names each person by the smallest of its records' refs, as the refs sort", () => {
    const { records: background } = makePopulation(200, 5);
    const id1 = fakeId('430104', '19800101', '013');
    const id2 = fakeId('430104', '19810202', '025');
    const extra = [
      // 'hukou2:K9' sorts before 'hukou:K1' (the digit before the colon), though 'hukou' < 'hukou2'
      makeRecord({ kind: 'register', source: 'hukou', recordKey: 'K1', name: '龚志平', birthDate: '1980-01-01', sex: 'M', id: id1 }),
      makeRecord({ kind: 'register', source: 'hukou2', recordKey: 'K9', name: '龚志平', birthDate: '1980-01-01', sex: 'M', id: id1 }),
      // within a source the record keys decide, as strings: 'E10' < 'E5'
      makeRecord({ kind: 'enumeration', source: 'census', recordKey: 'E5', name: '谭丽华', birthDate: '1981-02-02', sex: 'F', id: id2 }),
      makeRecord({ kind: 'enumeration', source: 'census', recordKey: 'E10', name: '谭丽华', birthDate: '1981-02-02', sex: 'F', id: id2 }),
    ];
    const records = indexed([...background, ...extra]);
    const got = link(records, config);
    const at = background.length;
    expect(got.personOf[at]).toBe(got.personOf[at + 1]);
    expect(got.personIds[got.personOf[at]!]).toBe(personId('hukou2:K9'));
    expect(got.personIds[got.personOf[at + 2]!]).toBe(personId('census:E10'));
  });

  it('gives dense persons in order of first record and stable person ids', () => {
    let max = -1;
    for (const p of result.personOf) {
      expect(p).toBeLessThanOrEqual(max + 1);
      max = Math.max(max, p);
    }
    expect(result.personIds.length).toBe(max + 1);
    expect(new Set(result.personIds).size).toBe(result.personIds.length);
    expect(result.personIds.every((id) => /^P[0-9a-f]{12}$/.test(id))).toBe(true);
    const again = link(build().records, config);
    expect(again.personIds).toEqual(result.personIds);
    expect([...again.personOf]).toEqual([...result.personOf]);
  });

  it('counts links by pass and candidate pairs by rule', () => {
    const { stats } = result;
    expect(stats.linksByPass.id).toBeGreaterThan(0);
    expect(stats.linksByPass.probabilistic).toBeGreaterThan(0);
    expect(stats.linksByPass.birth).toBeGreaterThan(0);
    expect(Object.keys(stats.candidatePairsByRule)).toEqual(config.blocking_rules);
    expect(stats.persons).toBe(result.personIds.length);
    expect(stats.weightHistogram.reduce((s, b) => s + b.count, 0)).toBe(
      Object.values(stats.candidatePairsByRule).reduce((s, v) => s + v, 0),
    );
    result.links.l.forEach((l, k) => expect(l).toBeLessThan(result.links.r[k]!));
    for (const p of result.review) expect(p.l).toBeLessThan(p.r);
  });

  it('persists a model without names or ID numbers', () => {
    const json = JSON.stringify(model);
    for (const r of records) {
      if (r.name.key.length >= 2) expect(json).not.toContain(r.name.key);
      if (r.id.value) expect(json).not.toContain(r.id.value);
    }
    expect(JSON.parse(json)).toEqual(model);
  });

  it('explains a pair as a waterfall ending in the verdict', () => {
    const text = explainPair(model, records[at.noIdEnum!]!, records[at.noIdReg!]!);
    expect(text).toMatch(/^prior/m);
    for (const c of model.comparisons) expect(text).toContain(c.name);
    expect(text).toMatch(/verdict: link/);
    expect(explainPair(model, records[at.husband!]!, records[at.wife!]!)).toMatch(/verdict: apart/);
  });

  it('scores symmetrically with finite weights', () => {
    fc.assert(
      fc.property(fc.nat(records.length - 1), fc.nat(records.length - 1), (i, j) => {
        const a = scorePair(model, records[i]!, records[j]!);
        const b = scorePair(model, records[j]!, records[i]!);
        expect(Number.isFinite(a.matchWeight)).toBe(true);
        expect(a.matchWeight).toBeCloseTo(b.matchWeight, 9);
        expect(a.probability).toBeGreaterThanOrEqual(0);
        expect(a.probability).toBeLessThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });
});

describe('id pass', () => {
  it('treats a shared ID held by a typo of a neighbouring valid number as a typo, not a collision', () => {
    const realA = fakeId('430104', '19800307', '123');
    const realB = fakeId('430104', '19800307', '124'); // one digit away, check recomputed
    const records = indexed([
      makeRecord({ kind: 'enumeration', name: '石磊', birthDate: '1980-03-07', sex: 'M', id: realA, address: '甲路1号' }),
      makeRecord({ kind: 'register', name: '石磊', birthDate: '1980-03-07', sex: 'M', id: realA, address: '甲路1号' }),
      // her stated birth date disagrees with her number (a data error), so name, sex and birth date all differ from his
      makeRecord({ kind: 'enumeration', name: '包红梅', birthDate: '1988-12-25', sex: 'F', id: realB, address: '乙路2号' }),
      // her register entry carries his number by mistake
      makeRecord({ kind: 'register', name: '包红梅', birthDate: '1988-12-25', sex: 'F', id: realA, address: '乙路2号' }),
    ]);
    const r = link(records, config);
    expect(r.personOf[0]).toBe(r.personOf[1]);
    expect(r.personOf[2]).toBe(r.personOf[3]);
    expect(r.personOf[0]).not.toBe(r.personOf[2]);
    expect(r.collisions).toEqual([]);
  });
});

describe('link progress', () => {
  it('reports each of its steps once, in order, with the candidate pairs once blocking is done', () => {
    const { records } = build();
    const steps: Array<[number, number]> = [];
    const result = link(records, config, (done, pairs) => steps.push([done, pairs]));
    expect(steps.map(([done]) => done)).toEqual([1, 2, 3, 4, 5]);
    expect(LINK_STEPS).toBe(5);
    const candidates = Object.values(result.stats.candidatePairsByRule).reduce((a, b) => a + b, 0);
    expect(steps[0]![1]).toBe(0);
    expect(steps[4]![1]).toBe(candidates);
  });
});
