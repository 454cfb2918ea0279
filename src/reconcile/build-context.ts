import type { LinkageResult, PersonRecord, UtilityRecord } from '../model.js';
import type { FindingsConfig } from '../pipeline/pipeline-schema.js';

export type Occupancy = 'occupied' | 'vacant' | 'unknown';

/** Everything reconcile knows about one resolved person (a linkage cluster). */
export interface PersonContext {
  index: number;
  personId: string;
  records: PersonRecord[];
  /** Enumeration records with presence resident (or unstated presence). */
  resident: PersonRecord[];
  /** Enumeration records of registered members who are away (户口在本户、人外出). */
  away: PersonRecord[];
  /** Register entries active at the reference moment (status active, or changed only after the moment). */
  registerActive: PersonRecord[];
  registerInactive: PersonRecord[];
  births: PersonRecord[];
  schooling: PersonRecord[];
  deaths: PersonRecord[];
  /** From the birth certificate, else the most common stated birth date; '' if none. */
  birthDate: string;
  /** Earliest death date before the reference moment (deaths source or register status), else ''. */
  deathDate: string;
  bornAfterReference: boolean;
  diedBeforeReference: boolean;
  /** Lowest probability among the links that formed this person, or null for a single record. */
  score: number | null;
}

/** Everything reconcile knows about one dwelling key. */
export interface DwellingContext {
  key: string;
  /** Address as first written (enumeration preferred, then register, then any). */
  address: string;
  /** 12-digit village/community code seen at this dwelling, or ''. */
  village: string;
  /** True when any record here carries an in-scope area code, or none carries any area code. */
  inScope: boolean;
  /** Some enumeration, active register or utility record here carries an area code. */
  hasAreaCode: boolean;
  residents: PersonRecord[];
  away: PersonRecord[];
  registerActive: PersonRecord[];
  /** Utility rows of the reference window. */
  windowUtilities: UtilityRecord[];
  /** All utility rows at this dwelling, any period. */
  utilityRows: number;
  /** Window months with qualifying consumption on any utility. */
  activeMonths: number;
  occupancy: Occupancy;
  /** Enumeration small area seen here ('' when nobody was enumerated here). */
  smallArea: string;
  enumeratorId: string;
}

/** Where a finding sends someone: the small area, its enumerator and the address to visit. */
export interface Location {
  areaCode: string;
  enumeratorId: string;
  address: string;
}

export interface ContextInput {
  persons: PersonRecord[];
  utilities: UtilityRecord[];
  linkage: LinkageResult;
  referenceDate: string;
  scopePrefix: string;
  occupancy: FindingsConfig['utility_occupancy'];
  matchThreshold: number;
}

export interface ReconcileContext {
  referenceDate: string;
  scopePrefix: string;
  matchThreshold: number;
  /** The window months (YYYY-MM), oldest first. */
  windowMonths: string[];
  persons: PersonContext[];
  dwellings: Map<string, DwellingContext>;
  linkage: LinkageResult;
  record(ix: number): PersonRecord | undefined;
  personOf(r: PersonRecord): PersonContext;
  /** Record lies in the job's scope (see buildContext). */
  inScope(r: PersonRecord): boolean;
  locate(r: PersonRecord): Location;
  locateDwelling(d: DwellingContext): Location;
}

const EMPTY: never[] = [];

/** Appends, copying short lists into exact-size literals: push would reserve ~17 slots per short list. */
function append<T>(list: T[], item: T): T[] {
  switch (list.length) {
    case 0:
      return [item];
    case 1:
      return [list[0]!, item];
    case 2:
      return [list[0]!, list[1]!, item];
    default:
      list.push(item);
      return list;
  }
}

/**
 * The `count` whole calendar months before the month holding the reference moment, oldest first
 * (2020-11-01 with 3 → 2020-08, 2020-09, 2020-10).
 */
export function windowMonths(referenceDate: string, count: number): string[] {
  let y = Number(referenceDate.slice(0, 4));
  let m = Number(referenceDate.slice(5, 7));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
    out.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  return out.reverse();
}

function newDwelling(key: string): DwellingContext {
  return {
    key,
    address: '',
    village: '',
    inScope: false,
    hasAreaCode: false,
    residents: EMPTY,
    away: EMPTY,
    registerActive: EMPTY,
    windowUtilities: EMPTY,
    utilityRows: 0,
    activeMonths: 0,
    occupancy: 'unknown',
    smallArea: '',
    enumeratorId: '',
  };
}

function mostCommon(counts: Map<string, number>): string {
  let best = '';
  let bestN = 0;
  for (const [k, n] of counts) {
    if (n > bestN || (n === bestN && k < best)) {
      best = k;
      bestN = n;
    }
  }
  return best;
}

function bump(map: Map<string, Map<string, number>>, key: string, value: string): void {
  let counts = map.get(key);
  if (!counts) map.set(key, (counts = new Map()));
  counts.set(value, (counts.get(value) ?? 0) + 1);
}

/**
 * Groups records by person and by dwelling in linear passes.
 *
 * Utility occupancy: the window is the `window_months` whole months before the month of the reference
 * moment. Consumption is summed per dwelling, month and utility over all accounts; a month counts as
 * active when any utility reaches its `min_consumption`. A dwelling is *occupied* with at least
 * `min_active_months` active months, *vacant* when it has utility rows but no active month, and
 * *unknown* otherwise (no utility rows, or some use below the occupancy threshold).
 *
 * Scope: a record is in scope when its area code starts with the scope prefix; a record without an
 * area code takes its dwelling's scope, then the area of a parent's or guardian's register or
 * enumeration record, and is otherwise presumed in scope (departmental exports are drawn for the scope).
 */
export function buildContext(input: ContextInput): ReconcileContext {
  const { linkage, referenceDate: ref, scopePrefix, occupancy: occ } = input;
  const months = windowMonths(ref, occ.window_months);
  const monthIndex = new Map(months.map((m, i) => [m, i]));

  let maxIx = -1;
  let aligned = true;
  for (let i = 0; i < input.persons.length; i++) {
    const ix = input.persons[i]!.ix;
    if (ix > maxIx) maxIx = ix;
    if (ix !== i) aligned = false;
  }
  let byIx: (PersonRecord | undefined)[] = input.persons;
  if (!aligned) {
    byIx = new Array(maxIx + 1);
    for (const r of input.persons) byIx[r.ix] = r;
  }

  // ---- persons
  const persons: PersonContext[] = new Array(linkage.personIds.length);
  for (let i = 0; i < persons.length; i++) {
    persons[i] = {
      index: i,
      personId: linkage.personIds[i]!,
      records: EMPTY,
      resident: EMPTY,
      away: EMPTY,
      registerActive: EMPTY,
      registerInactive: EMPTY,
      births: EMPTY,
      schooling: EMPTY,
      deaths: EMPTY,
      birthDate: '',
      deathDate: '',
      bornAfterReference: false,
      diedBeforeReference: false,
      score: null,
    };
  }
  const personOf = (r: PersonRecord): PersonContext => persons[linkage.personOf[r.ix]!]!;

  // ---- dwellings: one Map lookup per record; only enumeration, active register and utilities create them
  const dwellings = new Map<string, DwellingContext>();
  const dwellingOf = (key: string): DwellingContext => {
    let d = dwellings.get(key);
    if (d === undefined) dwellings.set(key, (d = newDwelling(key)));
    return d;
  };
  const noteArea = (d: DwellingContext, areaCode: string): void => {
    if (!areaCode) return;
    d.hasAreaCode = true;
    if (!d.inScope && areaCode.startsWith(scopePrefix)) d.inScope = true;
    if (!d.village && areaCode.length >= 12) d.village = areaCode.slice(0, 12);
  };

  const smallAreaCounts = new Map<string, number>();
  const areaEnumerators = new Map<string, Map<string, number>>();

  for (const r of input.persons) {
    const p = personOf(r);
    p.records = append(p.records, r);
    const kind = r.kind;
    if (kind === 'enumeration') {
      const d = r.dwelling ? dwellingOf(r.dwelling) : undefined;
      if (d) noteArea(d, r.areaCode);
      if (r.presence === 'away') {
        p.away = append(p.away, r);
        if (d) d.away = append(d.away, r);
      } else {
        p.resident = append(p.resident, r);
        if (d) d.residents = append(d.residents, r);
      }
      smallAreaCounts.set(r.areaCode, (smallAreaCounts.get(r.areaCode) ?? 0) + 1);
      if (r.enumeratorId) bump(areaEnumerators, r.areaCode, r.enumeratorId);
    } else if (kind === 'register') {
      // the register as of the reference moment: a status changed after it was still active then
      if (r.status === 'active' || (r.statusDate !== '' && r.statusDate >= ref)) {
        p.registerActive = append(p.registerActive, r);
        const d = r.dwelling ? dwellingOf(r.dwelling) : undefined;
        if (d) {
          noteArea(d, r.areaCode);
          d.registerActive = append(d.registerActive, r);
        }
      } else p.registerInactive = append(p.registerInactive, r);
    } else if (kind === 'births') p.births = append(p.births, r);
    else if (kind === 'schooling') p.schooling = append(p.schooling, r);
    else if (kind === 'deaths') p.deaths = append(p.deaths, r);
  }

  // Lists keep the record table's order (ix), stable for the same inputs, so "the first record" is too.
  for (const d of dwellings.values()) {
    // the dwelling's small area and address come from its first resident, else its first away record
    const e = d.residents[0] ?? d.away[0];
    if (e) {
      d.smallArea = e.areaCode;
      d.enumeratorId = e.enumeratorId;
      d.address = e.address;
    } else if (d.registerActive[0]) d.address = d.registerActive[0].address;
  }

  // ---- utilities: consumption per dwelling × month × utility, plus the month's row count
  const SLOT = { water: 0, electricity: 1, gas: 2 } as const;
  const stride = months.length * 4;
  const slotOf = new Map<DwellingContext, number>();
  const utilDwelling: DwellingContext[] = new Array(input.utilities.length);
  for (let i = 0; i < input.utilities.length; i++) {
    const u = input.utilities[i]!;
    if (!u.dwelling) continue;
    const d = dwellingOf(u.dwelling);
    utilDwelling[i] = d;
    noteArea(d, u.areaCode);
    if (!d.address || (d.residents.length + d.away.length + d.registerActive.length === 0 && u.address < d.address)) d.address = u.address;
    d.utilityRows++;
    if (monthIndex.has(u.period) && !slotOf.has(d)) slotOf.set(d, slotOf.size);
  }
  const sums = new Float64Array(slotOf.size * stride);
  for (let i = 0; i < input.utilities.length; i++) {
    const d = utilDwelling[i];
    if (d === undefined) continue;
    const u = input.utilities[i]!;
    const mi = monthIndex.get(u.period);
    if (mi === undefined) continue;
    d.windowUtilities = append(d.windowUtilities, u);
    const base = slotOf.get(d)! * stride + mi * 4;
    sums[base + SLOT[u.utility]]! += u.consumption;
    sums[base + 3]! += 1;
  }
  const minUse = occ.min_consumption;
  for (const [d, slot] of slotOf) {
    for (let b = slot * stride; b < (slot + 1) * stride; b += 4) {
      if (sums[b + 3]! > 0 && (sums[b]! >= minUse.water || sums[b + 1]! >= minUse.electricity || sums[b + 2]! >= minUse.gas)) {
        d.activeMonths++;
      }
    }
  }
  for (const d of dwellings.values()) {
    if (!d.hasAreaCode) d.inScope = true;
    d.occupancy =
      d.activeMonths >= occ.min_active_months ? 'occupied' : d.utilityRows > 0 && d.activeMonths === 0 ? 'vacant' : 'unknown';
  }

  // ---- small areas: village → most common small area; small area → most common enumerator
  const villageAreas = new Map<string, Map<string, number>>();
  for (const [area, n] of smallAreaCounts) {
    if (area.length < 12) continue;
    const v = area.slice(0, 12);
    let counts = villageAreas.get(v);
    if (!counts) villageAreas.set(v, (counts = new Map()));
    counts.set(area, n);
  }
  const villageArea = new Map<string, string>();
  for (const [v, counts] of villageAreas) villageArea.set(v, mostCommon(counts));
  const areaEnumerator = new Map<string, string>();
  for (const [a, counts] of areaEnumerators) areaEnumerator.set(a, mostCommon(counts));

  // ---- scope of records without an area code: dwelling, then a parent's/guardian's area
  const scopeOf = new Uint8Array(maxIx + 1); // 0 unknown yet, 1 in, 2 out
  let parentArea: Map<string, string> | undefined;
  for (const r of input.persons) {
    if (r.areaCode) {
      scopeOf[r.ix] = r.areaCode.startsWith(scopePrefix) ? 1 : 2;
      continue;
    }
    const d = r.dwelling ? dwellings.get(r.dwelling) : undefined;
    if (d && d.hasAreaCode) scopeOf[r.ix] = d.inScope ? 1 : 2;
    else {
      parentArea ??= new Map();
      if (r.motherId?.value) parentArea.set(r.motherId.value, '');
      if (r.fatherId?.value) parentArea.set(r.fatherId.value, '');
      if (r.guardianId?.value) parentArea.set(r.guardianId.value, '');
    }
  }
  if (parentArea && parentArea.size > 0) {
    for (const r of input.persons) {
      if ((r.kind === 'register' && r.status === 'active') || r.kind === 'enumeration') {
        if (r.id.value && r.areaCode && parentArea.get(r.id.value) === '') parentArea.set(r.id.value, r.areaCode);
      }
    }
    for (const r of input.persons) {
      if (scopeOf[r.ix] !== 0) continue;
      for (const id of [r.motherId, r.fatherId, r.guardianId]) {
        const a = id?.value ? parentArea.get(id.value) : undefined;
        if (a) {
          scopeOf[r.ix] = a.startsWith(scopePrefix) ? 1 : 2;
          break;
        }
      }
    }
  }
  const inScope = (r: PersonRecord): boolean => scopeOf[r.ix] !== 2;

  // ---- person facts
  const minProb = new Float64Array(persons.length).fill(NaN);
  for (const link of linkage.links) {
    const pi = linkage.personOf[link.l]!;
    const cur = minProb[pi]!;
    if (Number.isNaN(cur) || link.probability < cur) minProb[pi] = link.probability;
  }
  for (const p of persons) {
    if (!Number.isNaN(minProb[p.index]!)) p.score = minProb[p.index]!;
    p.birthDate = personBirthDate(p);
    p.bornAfterReference = p.birthDate !== '' && p.birthDate >= ref;
    if (p.deaths.length === 0 && p.registerInactive.length === 0) continue;
    let death = '';
    let undatedDeath = false;
    for (const r of p.deaths) if (r.deathDate && r.deathDate < ref && (!death || r.deathDate < death)) death = r.deathDate;
    for (const r of p.registerInactive) {
      if (r.status !== 'deceased') continue;
      if (!r.statusDate) undatedDeath = true;
      else if (r.statusDate < ref && (!death || r.statusDate < death)) death = r.statusDate;
    }
    p.deathDate = death;
    p.diedBeforeReference = death !== '' || undatedDeath;
  }

  const locateDwelling = (d: DwellingContext): Location => {
    const area = d.smallArea || (d.village ? (villageArea.get(d.village) ?? '') : '');
    return { areaCode: area, enumeratorId: (d.smallArea ? d.enumeratorId : '') || areaEnumerator.get(area) || '', address: d.address };
  };
  const locate = (r: PersonRecord): Location => {
    if (r.kind === 'enumeration') {
      return { areaCode: r.areaCode, enumeratorId: r.enumeratorId || areaEnumerator.get(r.areaCode) || '', address: r.address };
    }
    const d = r.dwelling ? dwellings.get(r.dwelling) : undefined;
    let area = d?.smallArea ?? '';
    let enumerator = area ? d!.enumeratorId : '';
    if (!area) {
      const village = r.areaCode.length >= 12 ? r.areaCode.slice(0, 12) : (d?.village ?? '');
      area = villageArea.get(village) ?? '';
    }
    return { areaCode: area, enumeratorId: enumerator || areaEnumerator.get(area) || '', address: r.address };
  };

  return {
    referenceDate: ref,
    scopePrefix,
    matchThreshold: input.matchThreshold,
    windowMonths: months,
    persons,
    dwellings,
    linkage,
    record: (ix) => byIx[ix],
    personOf,
    inScope,
    locate,
    locateDwelling,
  };
}

function personBirthDate(p: PersonContext): string {
  for (const r of p.births) if (r.birthDate) return r.birthDate;
  if (p.records.length === 1) return p.records[0]!.birthDate;
  let best = '';
  let bestN = 0;
  for (const r of p.records) {
    if (!r.birthDate || r.birthDate === best) continue;
    let n = 0;
    for (const s of p.records) if (s.birthDate === r.birthDate) n++;
    if (n > bestN || (n === bestN && r.birthDate < best)) {
      best = r.birthDate;
      bestN = n;
    }
  }
  return best;
}
