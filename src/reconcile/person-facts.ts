import type { PersonRecord } from '../model.js';
import type { DwellingContext, Location, PersonContext, ReconcileContext } from './build-context.js';

/** The person's first in-scope resident enumeration record. */
export function residentRecord(ctx: ReconcileContext, p: PersonContext): PersonRecord | undefined {
  return p.resident.find(ctx.inScope);
}

/** Enumerated anywhere, as resident or as an away member. */
export function isEnumerated(p: PersonContext): boolean {
  return p.resident.length > 0 || p.away.length > 0;
}

/** Alive and born at the reference moment: the person belongs to the enumeration. */
export function belongsToEnumeration(p: PersonContext): boolean {
  return !p.bornAfterReference && !p.diedBeforeReference;
}

/** The short form says the hukou is in another county or township of this county. */
export function declaredElsewhere(r: PersonRecord): boolean {
  return r.hukouPlace === 'outside_county' || r.hukouPlace === 'county';
}

/**
 * True when one of the person's records is in a review-band pair with a record `partner` accepts.
 * A clerk still has to decide whether the two are one person, and the REVIEW finding asks for that:
 * a finding that presumes the partner is someone else (no register entry, not enumerated) would
 * mostly be a false alarm. At 100k persons such pairs lay behind about half the false UNREGISTERED,
 * REGISTERED_ABSENT and OMISSION findings and behind none of the true ones.
 */
export function awaitsReview(ctx: ReconcileContext, p: PersonContext, partner: (r: PersonRecord) => boolean): boolean {
  for (const r of p.records) {
    for (const j of ctx.reviewPartners(r.ix)) {
      const other = ctx.record(j);
      if (other && partner(other)) return true;
    }
  }
  return false;
}

/** A deaths record's death date ('' for records of other kinds, which have none). */
export const deathDateOf = (r: PersonRecord): string => r.details?.deathDate ?? '';

/** An enumeration record, resident or away. */
export const isEnumerationRecord = (r: PersonRecord): boolean => r.kind === 'enumeration';

/** An active register entry. */
export const isActiveRegisterEntry = (r: PersonRecord): boolean => r.kind === 'register' && r.status === 'active';

/** The record that best says where to look for the person: resident, away, register, school, birth. */
export function homeRecord(ctx: ReconcileContext, p: PersonContext): PersonRecord {
  for (const list of [p.resident, p.away, p.registerActive, p.schooling, p.births, p.records]) {
    const r = list.find(ctx.inScope);
    if (r) return r;
  }
  return p.records[0]!;
}

/** Location of the person's home record. */
export function homeLocation(ctx: ReconcileContext, p: PersonContext): Location {
  return ctx.locate(homeRecord(ctx, p));
}

export type OmissionKind = 'BIRTH' | 'SCHOOLING' | 'REGISTER_OCCUPIED';

export interface OmissionEvidence {
  kind: OmissionKind;
  /** The record that places the person in an in-scope dwelling. */
  record: PersonRecord;
  /** The person also has an active register entry at that dwelling. */
  registeredHere: boolean;
  dwelling: DwellingContext | undefined;
}

/**
 * Departmental evidence that an unenumerated person lived in an in-scope dwelling at the reference
 * moment: a birth before it, a school enrolment, or an active register entry at a dwelling whose
 * utilities show occupancy while no household was enumerated there (with a household enumerated,
 * its consumption is explained and the entry is a REGISTERED_ABSENT case). Null when the person is
 * enumerated anywhere, does not belong to the enumeration, or no such evidence exists.
 */
export function omissionEvidence(ctx: ReconcileContext, p: PersonContext): OmissionEvidence | null {
  if (isEnumerated(p) || !belongsToEnumeration(p)) return null;
  const pick = (kind: OmissionKind, record: PersonRecord): OmissionEvidence => ({
    kind,
    record,
    registeredHere: p.registerActive.some((e) => e.dwelling !== '' && e.dwelling === record.dwelling),
    dwelling: record.dwelling ? ctx.dwellings.get(record.dwelling) : undefined,
  });
  const birth = p.births.find((r) => ctx.inScope(r) && r.birthDate !== '' && r.birthDate < ctx.referenceDate);
  if (birth) return pick('BIRTH', birth);
  const school = p.schooling.find(ctx.inScope);
  if (school) return pick('SCHOOLING', school);
  for (const e of p.registerActive) {
    if (!ctx.inScope(e) || !e.dwelling) continue;
    const d = ctx.dwellings.get(e.dwelling);
    if (d && d.occupancy === 'occupied' && d.residents.length === 0 && d.away.length === 0) {
      return pick('REGISTER_OCCUPIED', e);
    }
  }
  return null;
}
