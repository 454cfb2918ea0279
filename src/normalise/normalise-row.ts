import type { IdNumber, Mark, NameKeys, PersonRecord, RecordDetails, Reject, Sex, SourceKind, UtilityKind, UtilityRecord } from '../model.js';
import type { SourceConfig } from '../pipeline/pipeline-schema.js';
import { addressKeys, normaliseAreaCode } from './normalise-address.js';
import { parseDate, parsePeriod } from './normalise-date.js';
import { NO_ID, normaliseId } from './normalise-id.js';
import { EMPTY_NAME, normaliseName } from './normalise-name.js';
import { normaliseText } from './normalise-text.js';
import { normaliseValue } from './normalise-value.js';
import { detach } from '../lib/flat-string.js';
import { createPool, intern, lastCell } from './intern.js';
import { rowShapeProblem } from './row-schemas.js';

export type NormaliseRowResult =
  | { record: PersonRecord | UtilityRecord; reject: null }
  | { record: null; reject: Reject };

/*
 * Row shape is checked by rowShapeProblem (the same verdict as ROW_SCHEMAS.safeParse, without zod's
 * per-row allocations: 3.24 M rows made that about 1 s of parse and garbage). Cell contents are then
 * checked by hand below.
 */

/** The marks of a record that has none: shared and frozen (nothing adds marks after normalisation). */
export const NO_MARKS: Mark[] = Object.freeze([] as Mark[]) as Mark[];

/** Thrown inside this module only, to leave a kind normaliser early; always caught in normaliseRow. */
class RowRejected {
  constructor(readonly field: string, readonly code: string, readonly reason: string) {}
}

/** What every kind normaliser gets: the row, its config and a place for marks. */
interface RowContext {
  source: SourceConfig;
  row: Record<string, string>;
  marks: Mark[];
  recordKey: string;
  line: number;
  ix: number;
}

const cell = (ctx: RowContext, field: string): string => ctx.row[field] ?? '';
/**
 * A text cell normaliser: NFKC and trimmed, kept through `keep` (a pool's shared instance of the value,
 * or a flat copy), and the previous row's cell remembered.
 */
const textIn = (keep: (s: string) => string): ((raw: string) => string) => lastCell((v) => (v === '' ? '' : keep(normaliseText(v))));
// Fields with many distinct values get pools of their own. Household ids get none, only a flat copy:
// nearly all were new to a pool (a household's rows come together), README "Caches that mostly missed".
const householdText = textIn(detach);
const hukouAddressText = textIn(createPool());
const schoolText = textIn(createPool());
const enumeratorText = textIn(intern);
const gradeText = textIn(intern);
const text = (ctx: RowContext, field: string, normalise: (raw: string) => string): string => {
  const v = ctx.row[field];
  return v === undefined ? '' : normalise(v);
};
const mapped = (ctx: RowContext, field: string): boolean => ctx.row[field] !== undefined;

function value(ctx: RowContext, field: 'sex' | 'presence' | 'status' | 'hukou_place' | 'utility', raw: string): string | null {
  return normaliseValue(field, raw, ctx.source.values[field]);
}

/** Required coded field: reject when blank or unrecognised. */
function requiredValue(ctx: RowContext, field: 'presence' | 'status' | 'utility'): string {
  const v = value(ctx, field, cell(ctx, field));
  if (v === '') throw new RowRejected(field, 'MISSING_FIELD', `the ${field} is blank`);
  if (v === null) {
    throw new RowRejected(field, 'BAD_VALUE', `the ${field} value is not recognised; map it under values.${field} in the pipeline file`);
  }
  return v;
}

const ID_MARKS: Partial<Record<IdNumber['quality'], string>> = {
  check_failed: 'ID_CHECK_FAILED',
  damaged: 'ID_DAMAGED',
  malformed: 'ID_MALFORMED',
};

/** An ID cell, with a mark when it is not clean. */
function idOf(ctx: RowContext, field: string): IdNumber {
  const id = normaliseId(cell(ctx, field));
  const code = ID_MARKS[id.quality];
  if (code) ctx.marks.push(id.quality === 'damaged' && id.value === '' ? { code, field, detail: 'digits lost' } : { code, field });
  return id;
}

/** A secondary ID (mother, father, guardian): null when blank. */
function optionalIdOf(ctx: RowContext, field: string): IdNumber | null {
  if (!mapped(ctx, field)) return null;
  const id = idOf(ctx, field);
  return id.quality === 'none' ? null : id;
}

const usable = (id: IdNumber): boolean => id.value !== '';

/** Stated sex, else the ID's; a disagreement is kept as stated and marked. */
function sexOf(ctx: RowContext, id: IdNumber): Sex | '' {
  const stated = mapped(ctx, 'sex') ? value(ctx, 'sex', cell(ctx, 'sex')) : '';
  if (stated === 'M' || stated === 'F') {
    if (id.sex !== '' && id.sex !== stated) ctx.marks.push({ code: 'ID_SEX_MISMATCH', field: 'sex', detail: `id ${id.sex} vs stated ${stated}` });
    return stated;
  }
  if (id.sex !== '') {
    ctx.marks.push({ code: 'SEX_FROM_ID', field: 'sex' });
    return id.sex;
  }
  if (mapped(ctx, 'sex')) ctx.marks.push({ code: 'SEX_UNKNOWN', field: 'sex', detail: stated === null ? 'unrecognised value' : 'blank' });
  return '';
}

/** Stated birth date, else the ID's; unreadable with no ID to fall back on rejects the row. */
function birthOf(ctx: RowContext, id: IdNumber, required: boolean): string {
  const stated = mapped(ctx, 'birth_date') ? parseDate(cell(ctx, 'birth_date')) : '';
  if (stated) {
    if (id.birthDate !== '' && id.birthDate !== stated) {
      ctx.marks.push({ code: 'ID_BIRTH_MISMATCH', field: 'birth_date', detail: `id ${id.birthDate} vs stated ${stated}` });
    }
    return stated;
  }
  if (id.birthDate !== '') {
    ctx.marks.push({ code: 'BIRTH_FROM_ID', field: 'birth_date', detail: stated === null ? 'stated date unreadable' : 'blank' });
    return id.birthDate;
  }
  if (stated === null) throw new RowRejected('birth_date', 'BAD_DATE', 'the birth date cannot be read and no ID number supplies it');
  if (required) ctx.marks.push({ code: 'BIRTH_UNKNOWN', field: 'birth_date' });
  return '';
}

function areaOf(ctx: RowContext): string {
  if (!mapped(ctx, 'area_code')) return '';
  const code = normaliseAreaCode(cell(ctx, 'area_code'));
  if (code === null) {
    ctx.marks.push({ code: 'BAD_AREA_CODE', field: 'area_code', detail: 'not 6, 9, 12–15 digits' });
    return '';
  }
  return code;
}

/** Name and ID of the person a row describes; neither usable rejects the row. */
function identityOf(ctx: RowContext): { name: NameKeys; id: IdNumber } {
  const id = idOf(ctx, 'id_number');
  const name = normaliseName(cell(ctx, 'name'));
  if (name === null) {
    if (!usable(id)) throw new RowRejected('name', 'NO_IDENTITY', 'the row has neither a usable name nor a usable ID number');
    ctx.marks.push({ code: 'NAME_MISSING', field: 'name' });
    return { name: EMPTY_NAME, id };
  }
  return { name, id };
}

function basePerson(ctx: RowContext, kind: SourceKind, name: NameKeys, id: IdNumber): PersonRecord {
  const { address, dwelling } = addressKeys(cell(ctx, 'address'));
  return {
    ix: ctx.ix,
    source: ctx.source.name,
    kind,
    recordKey: ctx.recordKey,
    line: ctx.line,
    name,
    id,
    sex: '',
    birthDate: '',
    address,
    dwelling,
    areaCode: '',
    household: '',
    relationship: mapped(ctx, 'relationship') ? intern(normaliseValue('relationship', cell(ctx, 'relationship'))!) : '',
    enumeratorId: '',
    presence: '',
    hukouPlace: '',
    hukouAddress: '',
    status: '',
    statusDate: '',
    details: null,
    marks: ctx.marks,
  };
}

/** The details of a births, schooling or deaths record, all empty: its normaliser fills in its own. */
export function emptyDetails(): RecordDetails {
  return {
    motherName: null,
    motherId: null,
    fatherName: null,
    fatherId: null,
    school: '',
    grade: '',
    guardianName: null,
    guardianId: null,
    deathDate: '',
  };
}

/** A person row of the common shape (name, ID, sex, birth date). */
function commonPerson(ctx: RowContext, kind: SourceKind, birthRequired: boolean): PersonRecord {
  const { name, id } = identityOf(ctx);
  const rec = basePerson(ctx, kind, name, id);
  rec.sex = sexOf(ctx, id);
  rec.birthDate = birthOf(ctx, id, birthRequired);
  rec.areaCode = areaOf(ctx);
  return rec;
}

type KindNormaliser = (ctx: RowContext) => PersonRecord | UtilityRecord;

/** One normaliser per source kind: a new kind is a new entry, not a new branch. */
const KIND_NORMALISERS: Record<SourceKind, KindNormaliser> = {
  enumeration(ctx) {
    const rec = commonPerson(ctx, 'enumeration', true);
    rec.presence = requiredValue(ctx, 'presence') as PersonRecord['presence'];
    rec.household = text(ctx, 'household_id', householdText);
    rec.enumeratorId = text(ctx, 'enumerator_id', enumeratorText);
    rec.hukouAddress = text(ctx, 'hukou_address', hukouAddressText);
    if (mapped(ctx, 'hukou_place')) {
      const place = value(ctx, 'hukou_place', cell(ctx, 'hukou_place'));
      if (place === null) ctx.marks.push({ code: 'HUKOU_PLACE_UNKNOWN', field: 'hukou_place', detail: 'unrecognised value' });
      else rec.hukouPlace = place as PersonRecord['hukouPlace'];
    }
    return rec;
  },

  register(ctx) {
    const rec = commonPerson(ctx, 'register', true);
    rec.status = requiredValue(ctx, 'status') as PersonRecord['status'];
    rec.household = text(ctx, 'household_no', householdText);
    if (mapped(ctx, 'status_date')) {
      const d = parseDate(cell(ctx, 'status_date'));
      if (d === null) ctx.marks.push({ code: 'BAD_STATUS_DATE', field: 'status_date' });
      else rec.statusDate = d;
    }
    return rec;
  },

  births(ctx) {
    const childName = normaliseName(cell(ctx, 'child_name')) ?? EMPTY_NAME;
    const rec = basePerson(ctx, 'births', childName, NO_ID as IdNumber);
    const birth = parseDate(cell(ctx, 'birth_date'));
    if (birth === null) throw new RowRejected('birth_date', 'BAD_DATE', 'the birth date cannot be read');
    if (birth === '') throw new RowRejected('birth_date', 'MISSING_FIELD', 'the birth date is blank');
    rec.birthDate = birth;
    rec.sex = sexOf(ctx, NO_ID);
    const details = (rec.details = emptyDetails());
    details.motherName = normaliseName(cell(ctx, 'mother_name'));
    details.motherId = optionalIdOf(ctx, 'mother_id');
    if (details.motherName === null && !(details.motherId && usable(details.motherId))) {
      throw new RowRejected('mother_name', 'NO_MOTHER', "the row has neither a usable mother's name nor her ID number");
    }
    if (details.motherId?.sex === 'M') ctx.marks.push({ code: 'ID_SEX_MISMATCH', field: 'mother_id', detail: 'id M for the mother' });
    details.fatherName = mapped(ctx, 'father_name') ? normaliseName(cell(ctx, 'father_name')) : null;
    details.fatherId = optionalIdOf(ctx, 'father_id');
    if (details.fatherId?.sex === 'F') ctx.marks.push({ code: 'ID_SEX_MISMATCH', field: 'father_id', detail: 'id F for the father' });
    rec.areaCode = areaOf(ctx);
    return rec;
  },

  schooling(ctx) {
    const rec = commonPerson(ctx, 'schooling', true);
    const details = (rec.details = emptyDetails());
    details.school = text(ctx, 'school', schoolText);
    details.grade = text(ctx, 'grade', gradeText);
    details.guardianName = mapped(ctx, 'guardian_name') ? normaliseName(cell(ctx, 'guardian_name')) : null;
    details.guardianId = optionalIdOf(ctx, 'guardian_id');
    return rec;
  },

  deaths(ctx) {
    const rec = commonPerson(ctx, 'deaths', false);
    const death = parseDate(cell(ctx, 'death_date'));
    if (death === null) throw new RowRejected('death_date', 'BAD_DATE', 'the death date cannot be read');
    if (death === '') throw new RowRejected('death_date', 'MISSING_FIELD', 'the death date is blank');
    const details = (rec.details = emptyDetails());
    details.deathDate = death;
    if (rec.birthDate !== '' && rec.birthDate > death) {
      ctx.marks.push({ code: 'DEATH_BEFORE_BIRTH', field: 'death_date', detail: `born ${rec.birthDate}, died ${death}` });
    }
    return rec;
  },

  utilities(ctx) {
    const utility = requiredValue(ctx, 'utility') as UtilityKind;
    const period = parsePeriod(cell(ctx, 'period'));
    if (period === null) throw new RowRejected('period', 'BAD_PERIOD', 'the period cannot be read as a year and month');
    if (period === '') throw new RowRejected('period', 'MISSING_FIELD', 'the period is blank');
    const consumption = parseConsumption(cell(ctx, 'consumption'));
    const { address, dwelling } = addressKeys(cell(ctx, 'address'));
    return {
      ix: ctx.ix,
      source: ctx.source.name,
      recordKey: ctx.recordKey,
      line: ctx.line,
      utility,
      address,
      dwelling,
      areaCode: areaOf(ctx),
      period,
      consumption,
      marks: ctx.marks,
    };
  },
};

/**
 * The value of a cell of ASCII digits with at most one decimal point inside (`123`, `12.5`), as
 * CONSUMPTION reads it; -1 for any other cell, which takes the general path. Most cells are plain, and
 * the general path (NFKC, two replacements, a regular expression) was a third of a utilities row.
 */
function plainNumber(raw: string): number {
  const n = raw.length;
  if (n === 0 || n > 15) return -1;
  let dot = -1;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c === 46 /* . */ && dot < 0 && i > 0 && i < n - 1) dot = i;
    else if (c < 48 || c > 57) return -1;
  }
  return Number(raw);
}

// 1,234.5 / 123度 / 12.5 m³ / 8吨: digits with an optional unit written after them.
const CONSUMPTION = /^(\d+(?:\.\d*)?|\.\d+)(?:度|千瓦时|KWH|KW·H|吨|方|立方米|立方|M3|M³)?$/;

function parseConsumption(raw: string): number {
  const plain = plainNumber(raw);
  if (plain >= 0) return plain;
  const s = raw.normalize('NFKC').replace(/[\s,]/g, '').toUpperCase();
  if (s === '') throw new RowRejected('consumption', 'MISSING_FIELD', 'the consumption is blank');
  const m = CONSUMPTION.exec(s);
  if (!m) {
    const negative = /^-\d/.test(s);
    throw new RowRejected(
      'consumption',
      negative ? 'NEGATIVE_CONSUMPTION' : 'BAD_NUMBER',
      negative ? 'the consumption is negative' : 'the consumption is not a number',
    );
  }
  return Number(m[1]);
}

/**
 * Normalises one raw row (canonical field → cell) of a source into a record, or explains why the
 * row cannot be used. Usable-but-suspicious values become marks on the record, never rejects.
 */
export function normaliseRow(source: SourceConfig, row: Record<string, string>, line: number, ix: number): NormaliseRowResult {
  const recordKey = detach(normaliseText(row.record_key ?? ''));
  if (recordKey === '') {
    return { record: null, reject: { source: source.name, line, recordKey: '', field: 'record_key', code: 'MISSING_FIELD', reason: 'the record key is blank' } };
  }
  const field = rowShapeProblem(source.kind, row);
  if (field !== null) {
    return { record: null, reject: { source: source.name, line, recordKey, field, code: 'MISSING_FIELD', reason: `the ${field} field is missing` } };
  }
  const ctx: RowContext = { source, row, marks: [], recordKey, line, ix };
  try {
    const record = KIND_NORMALISERS[source.kind](ctx);
    if (record.marks.length === 0) record.marks = NO_MARKS;
    return { record, reject: null };
  } catch (err) {
    if (!(err instanceof RowRejected)) throw err;
    return { record: null, reject: { source: source.name, line, recordKey, field: err.field, code: err.code, reason: err.reason } };
  }
}
