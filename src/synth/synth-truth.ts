import type { FindingType } from '../model.js';
import { impliedByIdNumber } from './synth-id-number.js';

/** What one accepted person record says, after the normalisation a correct pipeline would apply. */
export interface RecordFact {
  ref: string;
  /** Canonical name ('' when blank), e.g. a homophone typo differs, a traditional spelling does not. */
  name: string;
  sex: 'M' | 'F' | '';
  /** YYYY-MM-DD or '' */
  birth: string;
  /** Normalised 18-character ID as written; '' when blank or eighteen zeros; the damaged text for spreadsheet-damaged numbers. */
  id: string;
  idValid: boolean;
}

/** Everything the truth rules need to know about one true person, from the accepted records only. */
export interface PersonFacts {
  trueId: string;
  records: RecordFact[];
  /** Resident enumeration records with the small area and 12-digit village code of their dwelling. */
  resident: Array<{ ref: string; area15: string; village12: string; dwelling: number }>;
  away: string[];
  register: Array<{
    ref: string;
    active: boolean;
    inScope: boolean;
    village12: string;
    dwelling: number;
    /** The registered dwelling shows utility occupancy and has no enumerated household (resident or away). */
    occupiedUnenumerated: boolean;
    area15: string;
  }>;
  /** Births records of this person as the child; `beforeRef` from the recorded birth date. */
  births: Array<{ ref: string; beforeRef: boolean; area15: string }>;
  school: Array<{ ref: string; area15: string }>;
  /** Death records with a death date before the reference moment. */
  deathsBeforeRef: string[];
  declaredOutside: boolean;
  /** True birth date after the reference moment: not part of the enumeration. */
  bornAfterRef: boolean;
  /** Small area of the dwelling the person is evidenced at, for findings without an enumeration record. */
  homeArea15: string;
}

export interface TruthFinding {
  type: FindingType;
  refs: string[];
  areaCode: string;
  detail: string;
}

/** One person-level finding rule of domain.md, applied to the true identity of records. */
export interface TruthRule {
  type: FindingType;
  evaluate(p: PersonFacts): TruthFinding[];
}

const sorted = (refs: Iterable<string>): string[] => [...new Set(refs)].sort();

function level(residentVillage12: string, registerVillage12: string): string {
  if (residentVillage12.slice(0, 9) === registerVillage12.slice(0, 9)) return 'WITHIN_TOWN';
  if (residentVillage12.slice(0, 6) === registerVillage12.slice(0, 6)) return 'WITHIN_COUNTY';
  return 'OUTSIDE_COUNTY';
}

const duplicate: TruthRule = {
  type: 'DUPLICATE',
  evaluate: (p) =>
    p.resident.length >= 2
      ? [{ type: 'DUPLICATE', refs: sorted(p.resident.map((r) => r.ref)), areaCode: p.resident[0]!.area15, detail: '' }]
      : [],
};

/** OMISSION and REGISTERED_ABSENT share their preconditions, so one rule decides between them. */
const omissionOrAbsent: TruthRule = {
  type: 'OMISSION',
  evaluate: (p) => {
    if (p.bornAfterRef || p.resident.length > 0 || p.away.length > 0 || p.deathsBeforeRef.length > 0) return [];
    const births = p.births.filter((b) => b.beforeRef);
    const bornAfter = p.births.length > 0 && births.length === 0;
    if (bornAfter) return [];
    const evidence = [...births.map((b) => b.ref), ...p.school.map((s) => s.ref)];
    const active = p.register.filter((r) => r.active && r.inScope);
    const corroborated = evidence.length > 0 || active.some((r) => r.occupiedUnenumerated);
    if (corroborated && evidence.length + active.length > 0) {
      const area = births[0]?.area15 ?? p.school[0]?.area15 ?? active[0]?.area15 ?? p.homeArea15;
      return [{ type: 'OMISSION', refs: sorted([...evidence, ...active.map((r) => r.ref)]), areaCode: area, detail: '' }];
    }
    if (active.length > 0) {
      return [{ type: 'REGISTERED_ABSENT', refs: sorted(active.map((r) => r.ref)), areaCode: active[0]!.area15, detail: '' }];
    }
    return [];
  },
};

const notAtRegisteredAddress: TruthRule = {
  type: 'NOT_AT_REGISTERED_ADDRESS',
  evaluate: (p) => {
    if (p.resident.length === 0) return [];
    const active = p.register.filter((r) => r.active);
    const residentDwellings = new Set(p.resident.map((r) => r.dwelling));
    if (active.some((r) => r.dwelling >= 0 && residentDwellings.has(r.dwelling))) return [];
    const refs = p.resident.map((r) => r.ref);
    if (active.length > 0) {
      return [
        {
          type: 'NOT_AT_REGISTERED_ADDRESS',
          refs: sorted([...refs, ...active.map((r) => r.ref)]),
          areaCode: p.resident[0]!.area15,
          detail: level(p.resident[0]!.village12, active[0]!.village12),
        },
      ];
    }
    if (p.register.length === 0 && p.declaredOutside) {
      return [{ type: 'NOT_AT_REGISTERED_ADDRESS', refs: sorted(refs), areaCode: p.resident[0]!.area15, detail: 'OUTSIDE_COUNTY' }];
    }
    return [];
  },
};

const unregistered: TruthRule = {
  type: 'UNREGISTERED',
  evaluate: (p) => {
    if (p.bornAfterRef || p.register.length > 0 || p.declaredOutside || p.deathsBeforeRef.length > 0) return [];
    const births = p.births.filter((b) => b.beforeRef);
    if (p.resident.length === 0 && births.length === 0) return [];
    const area = p.resident[0]?.area15 ?? births[0]!.area15;
    return [{ type: 'UNREGISTERED', refs: sorted([...p.resident.map((r) => r.ref), ...births.map((b) => b.ref)]), areaCode: area, detail: '' }];
  },
};

const deceasedNotCancelled: TruthRule = {
  type: 'DECEASED_NOT_CANCELLED',
  evaluate: (p) => {
    const active = p.register.filter((r) => r.active && r.inScope);
    if (p.deathsBeforeRef.length === 0 || active.length === 0) return [];
    return [
      {
        type: 'DECEASED_NOT_CANCELLED',
        refs: sorted([...active.map((r) => r.ref), ...p.deathsBeforeRef]),
        areaCode: active[0]!.area15,
        detail: '',
      },
    ];
  },
};

/** Name, sex or birth date differing between records (ID-implied values included), or an ID failing its check. */
const attributeConflict: TruthRule = {
  type: 'ATTRIBUTE_CONFLICT',
  evaluate: (p) => {
    const out: TruthFinding[] = [];
    const area = p.resident[0]?.area15 ?? p.homeArea15;
    const names = new Set<string>();
    const sexes = new Set<string>();
    const births = new Set<string>();
    const nameRefs: string[] = [];
    const sexRefs: string[] = [];
    const birthRefs: string[] = [];
    const badIdRefs: string[] = [];
    for (const r of p.records) {
      const implied = r.idValid ? impliedByIdNumber(r.id) : null;
      if (r.name) {
        names.add(r.name);
        nameRefs.push(r.ref);
      }
      if (r.sex || implied) {
        if (r.sex) sexes.add(r.sex);
        if (implied) sexes.add(implied.sex);
        sexRefs.push(r.ref);
      }
      if (r.birth || implied) {
        if (r.birth) births.add(r.birth);
        if (implied) births.add(implied.birth);
        birthRefs.push(r.ref);
      }
      if (r.id && !r.idValid) badIdRefs.push(r.ref);
    }
    if (names.size > 1) out.push({ type: 'ATTRIBUTE_CONFLICT', refs: sorted(nameRefs), areaCode: area, detail: 'NAME' });
    if (sexes.size > 1) out.push({ type: 'ATTRIBUTE_CONFLICT', refs: sorted(sexRefs), areaCode: area, detail: 'SEX' });
    if (births.size > 1) out.push({ type: 'ATTRIBUTE_CONFLICT', refs: sorted(birthRefs), areaCode: area, detail: 'BIRTH_DATE' });
    if (badIdRefs.length > 0) out.push({ type: 'ATTRIBUTE_CONFLICT', refs: sorted(badIdRefs), areaCode: area, detail: 'ID_NUMBER' });
    return out;
  },
};

/** Person-level truth rules, in output order. */
export const TRUTH_RULES: readonly TruthRule[] = [
  duplicate,
  omissionOrAbsent,
  notAtRegisteredAddress,
  unregistered,
  deceasedNotCancelled,
  attributeConflict,
];

/** ID_COLLISION over a group of people generated together: a valid ID carried by records of two or more true persons. */
export function idCollisions(people: readonly PersonFacts[]): TruthFinding[] {
  const byId = new Map<string, { refs: string[]; persons: Set<string>; area: string }>();
  for (const p of people) {
    for (const r of p.records) {
      if (!r.idValid) continue;
      let g = byId.get(r.id);
      if (!g) byId.set(r.id, (g = { refs: [], persons: new Set(), area: p.resident[0]?.area15 ?? p.homeArea15 }));
      g.refs.push(r.ref);
      g.persons.add(p.trueId);
    }
  }
  const out: TruthFinding[] = [];
  for (const g of byId.values()) {
    if (g.persons.size > 1) out.push({ type: 'ID_COLLISION', refs: sorted(g.refs), areaCode: g.area, detail: '' });
  }
  return out;
}

/** Creates an empty fact sheet for a true person. */
export function emptyFacts(trueId: string, homeArea15: string): PersonFacts {
  return {
    trueId,
    records: [],
    resident: [],
    away: [],
    register: [],
    births: [],
    school: [],
    deathsBeforeRef: [],
    declaredOutside: false,
    bornAfterRef: false,
    homeArea15,
  };
}
