import type { Finding, IdNumber, LinkageResult, NameKeys, PersonRecord, ScoredPair } from '../../src/model.js';
import type { OutputInput } from '../../src/report/output-input.js';
import { utilityTableOf } from '../../src/lib/utility-table.js';
import { NO_KIND_FIELDS } from '../helpers/no-kind-fields.js';

/** Fictional names only. */
export function nameKeys(display: string, surnameLength = 1): NameKeys {
  const chars = [...display];
  return {
    display,
    key: display,
    surname: chars.slice(0, surnameLength).join(''),
    given: chars.slice(surnameLength).join(''),
    pinyin: '',
    pinyinFuzzy: '',
  };
}

export function idNumber(value: string, birthDate = ''): IdNumber {
  return { value, quality: value ? 'valid' : 'none', kind: 'resident', legacy15: false, birthDate, sex: '' };
}

export function person(ix: number, over: Partial<PersonRecord> = {}): PersonRecord {
  const source = over.source ?? 'roster';
  const recordKey = over.recordKey ?? `E${String(ix).padStart(4, '0')}`;
  return {
    ix,
    source,
    kind: 'enumeration',
    recordKey,
    line: ix + 2,
    name: nameKeys('张三'),
    id: idNumber(''),
    sex: 'M',
    birthDate: '1980-05-17',
    address: '幸福路1号',
    dwelling: 'd1',
    areaCode: '430104001001001',
    household: 'H1',
    relationship: '',
    enumeratorId: 'Z01',
    presence: 'resident',
    ...NO_KIND_FIELDS,
    status: '',
    marks: [],
    ...over,
  };
}

/** Linkage where `groups` lists the record indices of each person, in person order. */
export function linkage(recordCount: number, groups: number[][], over: Partial<LinkageResult> = {}): LinkageResult {
  const personOf = new Int32Array(recordCount).fill(-1);
  groups.forEach((g, p) => g.forEach((ix) => (personOf[ix] = p)));
  if (personOf.some((p) => p < 0)) throw new Error('fixture: every record needs a person');
  return {
    personOf,
    personIds: groups.map((_, p) => `P${String(p).padStart(6, '0')}`),
    links: { l: new Int32Array(0), r: new Int32Array(0), probability: new Float64Array(0) },
    review: [],
    collisions: [],
    stats: {
      candidatePairsByRule: { id_number: 3, dwelling: 10 },
      linksByPass: { id: 2, probabilistic: 1, birth: 0 },
      reviewPairs: 1,
      persons: groups.length,
      weightHistogram: [
        { from: Number.NEGATIVE_INFINITY, to: -5, count: 4 },
        { from: -5, to: 0, count: 7 },
        { from: 0, to: 5, count: 2 },
        { from: 5, to: Number.POSITIVE_INFINITY, count: 3 },
      ],
      seconds: 0.5,
    },
    model: {},
    ...over,
  };
}

export function finding(over: Partial<Finding> & Pick<Finding, 'findingId' | 'type'>): Finding {
  return {
    priority: 2,
    areaCode: '430104001001001',
    enumeratorId: 'Z01',
    address: '幸福路1号',
    personId: '',
    personIndex: -1,
    recordRefs: [],
    score: null,
    reasonZh: '原因',
    reasonEn: 'reason',
    detail: '',
    extra: {},
    ...over,
  };
}

export function pair(l: number, r: number, probability: number, matchWeight: number, outcomes: ScoredPair['outcomes']): ScoredPair {
  return { l, r, probability, matchWeight, outcomes, pass: 'probabilistic' };
}

/** A tiny county: two small areas in two towns, four persons, every finding shape. */
export function tinyInput(): OutputInput {
  const persons: PersonRecord[] = [
    person(0, { name: nameKeys('王<b>丽'), id: idNumber('43010419800517123X', '1980-05-17'), sex: 'F', address: '幸福路10号' }),
    person(1, {
      source: 'hukou',
      kind: 'register',
      recordKey: 'R1',
      name: nameKeys('王丽'),
      id: idNumber('43010419800517123X', '1980-05-17'),
      sex: 'F',
      status: 'active',
      areaCode: '430104001001',
      presence: '',
    }),
    person(2, { name: nameKeys('欧阳小明', 2), address: '幸福路2号', birthDate: '2015-03-07', id: idNumber('430104201503070011', '2015-03-07') }),
    person(3, {
      source: 'hukou',
      kind: 'register',
      recordKey: 'R2, "x"',
      name: nameKeys('李四'),
      status: 'active',
      areaCode: '430104002003',
      presence: '',
    }),
    person(4, { recordKey: 'E0004', name: nameKeys('欧阳小名', 2), address: '幸福路2号', areaCode: '430104002003001' }),
  ];
  const link = linkage(5, [[0, 1], [2], [3], [4]], {
    review: [
      pair(2, 4, 0.7, 1.2, [
        { comparison: 'name', level: 'pinyin_fuzzy', weight: 2.5 },
        { comparison: 'birth_date', level: 'exact', weight: 6 },
      ]),
    ],
  });
  const findings = [
    finding({
      findingId: 'F000001',
      type: 'NOT_AT_REGISTERED_ADDRESS',
      priority: 3,
      address: '幸福路10号',
      personId: 'P000000',
      personIndex: 0,
      recordRefs: ['hukou:R1', 'roster:E0000'],
      detail: 'WITHIN_COUNTY',
      reasonZh: '现住地与户籍地不在同一乡镇街道',
      reasonEn: 'lives in another township than registered, "quoted", with comma',
      extra: { level: 'WITHIN_COUNTY' },
    }),
    finding({
      findingId: 'F000002',
      type: 'REGISTERED_ABSENT',
      priority: 1,
      areaCode: '430104002003001',
      address: '幸福路2号',
      personId: 'P000002',
      personIndex: 2,
      recordRefs: ['hukou:R2, "x"'],
      reasonZh: '户籍在册\n未登记',
      extra: { evidence: 'none' },
    }),
    finding({
      findingId: 'F000003',
      type: 'OCCUPIED_NOT_ENUMERATED',
      priority: 2,
      areaCode: '430104002003001',
      address: '幸福路2号',
      recordRefs: ['water:W9'],
    }),
    finding({
      findingId: 'F000004',
      type: 'REVIEW',
      priority: 3,
      personId: '',
      recordRefs: ['roster:E0002', 'roster:E0004'],
      score: 0.7,
    }),
    finding({ findingId: 'F000005', type: 'ATTRIBUTE_CONFLICT', priority: 2, areaCode: '', address: '', personId: 'P000001', personIndex: 1, recordRefs: ['roster:E0002'], score: -0.00001 }),
  ];
  return {
    pipelineName: 'tiny <county>',
    referenceDate: '2020-11-01',
    scopePrefix: '430104',
    maskIdNumbers: true,
    persons,
    utilities: utilityTableOf([]),
    rejects: [
      { source: 'roster', line: 7, recordKey: 'E9', field: 'birth_date', code: 'BAD_DATE', reason: 'date "2019-13-40" is not a date, sorry' },
      { source: 'roster', line: 9, recordKey: '', field: '', code: 'RAGGED_ROW', reason: 'row has 3 fields\nexpected 12' },
      { source: 'hukou', line: 4, recordKey: 'R9', field: 'birth_date', code: 'BAD_DATE', reason: 'bad date' },
    ],
    counts: {
      roster: { read: 5, accepted: 3, rejected: 2 },
      hukou: { read: 3, accepted: 2, rejected: 1 },
      water: { read: 1, accepted: 1, rejected: 0 },
    },
    linkage: link,
    findings,
    timings: { ingest: 1.23456, link: 0.5, reconcile: 0.25 },
  };
}
