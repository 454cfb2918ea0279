import type { IdNumber, LinkageResult, NameKeys, PersonRecord, ScoredPair, Sex, UtilityRecord } from '../../src/model.js';
import { utilityTableOf } from '../../src/lib/utility-table.js';
import type { ReconcileInput } from '../../src/reconcile/reconcile.js';
import { idCheckChar } from '../../src/normalise/normalise-id.js';
import { type FlatDetails, NO_KIND_FIELDS, splitDetails } from '../helpers/no-kind-fields.js';

/** Fictional test areas: scope county 430104, two towns, a neighbouring county. */
export const AREA = {
  village: '430104001001',
  otherVillage: '430104001002',
  otherTown: '430104002001',
  otherCounty: '430105001001',
} as const;
export const SMALL_AREA = `${AREA.village}001`;


/** A valid 18-character resident ID for a fictional person. */
export function makeIdValue(birthDate: string, sex: Sex, seq = 1, area = '430104'): string {
  const odd = sex === 'M' ? 1 : 0;
  const s = String(seq * 2 + odd).padStart(3, '0').slice(-3);
  const body = area + birthDate.replaceAll('-', '') + s;
  return body + idCheckChar(body);
}

export function makeName(name: string): NameKeys {
  return { display: name, key: name, surname: name.slice(0, 1), given: name.slice(1), pinyin: '', pinyinFuzzy: '' };
}

export function makeId(value: string, quality: IdNumber['quality'] = 'valid'): IdNumber {
  if (!value) return { value: '', quality: 'none', kind: 'resident', legacy15: false, birthDate: '', sex: '' };
  const d = value.slice(6, 14);
  return {
    value,
    quality,
    kind: 'resident',
    legacy15: false,
    birthDate: quality === 'valid' ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : '',
    sex: quality === 'valid' ? (Number(value[16]) % 2 === 1 ? 'M' : 'F') : '',
  };
}

export type RecordSpec = Partial<Omit<PersonRecord, 'name' | 'id' | 'ix' | 'ref'>> & FlatDetails & {
  kind: PersonRecord['kind'];
  key: string;
  /** Records with the same label are one person; unlabelled records are persons of their own. */
  person?: string;
  name?: string;
  id?: string | IdNumber;
};

const DEFAULT_SOURCE: Record<PersonRecord['kind'], string> = {
  enumeration: 'roster',
  register: 'hukou',
  births: 'births',
  schooling: 'school',
  utilities: 'util',
  deaths: 'deaths',
};

/** A normalised PersonRecord with fictional defaults (resident / active, in the scope village). */
export function makeRecord(spec: RecordSpec, ix = 0): PersonRecord {
  const { key, person: _person, name, id, ...flat } = spec;
  const { details, rest } = splitDetails(spec.kind, flat);
  const source = spec.source ?? DEFAULT_SOURCE[spec.kind];
  const address = spec.address ?? '幸福路1号';
  const base: PersonRecord = {
    ix,
    source,
    kind: spec.kind,
    recordKey: key,
    line: ix + 2,
    name: makeName(name ?? '张三'),
    id: typeof id === 'object' ? id : makeId(id ?? ''),
    sex: 'M',
    birthDate: '1980-05-06',
    address,
    dwelling: spec.dwelling ?? address,
    areaCode: spec.kind === 'enumeration' ? SMALL_AREA : spec.kind === 'register' ? AREA.village : '',
    household: spec.kind === 'enumeration' || spec.kind === 'register' ? 'H1' : '',
    relationship: '',
    enumeratorId: spec.kind === 'enumeration' ? 'EN01' : '',
    presence: spec.kind === 'enumeration' ? 'resident' : '',
    ...NO_KIND_FIELDS,
    status: spec.kind === 'register' ? 'active' : '',
    details,
    marks: [],
  };
  return { ...base, ...rest };
}

export interface UtilitySpec extends Partial<Omit<UtilityRecord, 'ix' | 'ref'>> {
  key: string;
}

export function makeUtility(spec: UtilitySpec, ix = 0): UtilityRecord {
  const address = spec.address ?? '幸福路1号';
  const source = spec.source ?? 'power';
  return {
    ix,
    source,
    recordKey: spec.key,
    line: ix + 2,
    utility: 'electricity',
    address,
    dwelling: spec.dwelling ?? address,
    areaCode: '',
    period: '2020-10',
    consumption: 100,
    marks: [],
    ...spec,
  };
}

/** Electricity rows at one address for the given months. */
export function usage(prefix: string, address: string, months: string[], consumption = 100): UtilitySpec[] {
  return months.map((period, i) => ({ key: `${prefix}${i}`, address, period, consumption }));
}

export interface Situation {
  records?: RecordSpec[];
  utilities?: UtilitySpec[];
  /** Review pairs by record key. */
  review?: Array<[string, string, number]>;
  /** ID collisions: groups of record keys. */
  collisions?: string[][][];
  /** Probability of the links joining each labelled person (default 0.999). */
  linkProbability?: number;
  referenceDate?: string;
}

/** Builds a ReconcileInput with a hand-made LinkageResult: labelled records form one person each. */
export function makeInput(s: Situation): ReconcileInput {
  const records = (s.records ?? []).map((r, i) => makeRecord(r, i));
  const utilities = (s.utilities ?? []).map((u, i) => makeUtility(u, i));
  const labels = (s.records ?? []).map((r, i) => r.person ?? `#${i}`);
  const personOfLabel = new Map<string, number>();
  const personOf = new Int32Array(records.length);
  const firstRecord: number[] = [];
  labels.forEach((label, i) => {
    let p = personOfLabel.get(label);
    if (p === undefined) {
      personOfLabel.set(label, (p = personOfLabel.size));
      firstRecord.push(i);
    }
    personOf[i] = p;
  });
  const byKey = new Map(records.map((r) => [r.recordKey, r.ix]));
  const pair = (l: number, r: number, probability: number): ScoredPair => ({
    l: Math.min(l, r),
    r: Math.max(l, r),
    matchWeight: Math.log2(probability / (1 - probability)),
    probability,
    outcomes: [],
    pass: 'probabilistic',
  });
  const linked: ScoredPair[] = [];
  labels.forEach((_l, i) => {
    const first = firstRecord[personOf[i]!]!;
    if (first !== i) linked.push(pair(first, i, s.linkProbability ?? 0.999));
  });
  const links = {
    l: Int32Array.from(linked, (p) => p.l),
    r: Int32Array.from(linked, (p) => p.r),
    probability: Float64Array.from(linked, (p) => p.probability),
  };
  const linkage: LinkageResult = {
    personOf,
    personIds: firstRecord.map((i) => `P${records[i]!.recordKey}`),
    links,
    review: (s.review ?? []).map(([a, b, p]) => pair(byKey.get(a)!, byKey.get(b)!, p)),
    collisions: (s.collisions ?? []).map((groups) => ({ id: 'x', groups: groups.map((g) => g.map((k) => byKey.get(k)!)) })),
    stats: { candidatePairsByRule: {}, linksByPass: { id: 0, probabilistic: 0, birth: 0 }, reviewPairs: 0, persons: firstRecord.length, weightHistogram: [], seconds: 0 },
    model: null,
  };
  return {
    persons: records,
    utilities: utilityTableOf(utilities),
    linkage,
    referenceDate: s.referenceDate ?? '2020-11-01',
    scopePrefix: '430104',
    occupancy: { window_months: 3, min_active_months: 2, min_consumption: { water: 1, electricity: 15, gas: 1 } },
    matchThreshold: 0.99,
  };
}

export const WINDOW = ['2020-08', '2020-09', '2020-10'];
