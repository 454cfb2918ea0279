import type { PersonRecord } from '../../model.js';
import type { PersonContext } from '../build-context.js';
import { KIND_LABELS } from '../kind-labels.js';
import { makeFinding } from '../make-finding.js';
import { homeLocation } from '../person-facts.js';
import { personRule } from './finding-rule.js';
import { recordRef } from '../../lib/record-ref.js';

type Field = 'NAME' | 'SEX' | 'BIRTH_DATE' | 'ID_NUMBER';

/** Normaliser marks that are conflicts, and the field each is about. */
const MARK_FIELDS: Record<string, Field> = {
  ID_CHECK_FAILED: 'ID_NUMBER',
  ID_DAMAGED: 'ID_NUMBER',
  ID_MALFORMED: 'ID_NUMBER',
  ID_BIRTH_MISMATCH: 'BIRTH_DATE',
  ID_SEX_MISMATCH: 'SEX',
};

/** Mark fields that describe the record's own person. */
const OWN_FIELDS = new Set(['id_number', 'sex', 'birth_date', 'name']);

/** Code in the `codes` extra column when linked records state different values. */
const VALUES_DIFFER = 'VALUES_DIFFER';

const CODE_TEXT: Record<string, [string, string]> = {
  ID_CHECK_FAILED: ['身份证号码校验位错误', 'ID number fails its check character'],
  ID_DAMAGED: ['身份证号码疑似被表格软件损坏', 'ID number looks damaged by a spreadsheet'],
  ID_MALFORMED: ['身份证号码格式错误', 'ID number is malformed'],
  ID_BIRTH_MISMATCH: ['身份证号码中的出生日期与登记不符', 'birth date in the ID number disagrees with the stated one'],
  ID_SEX_MISMATCH: ['身份证号码显示的性别与登记不符', 'sex implied by the ID number disagrees with the stated one'],
};

const FIELD_TEXT: Record<Field, [string, string]> = {
  NAME: ['姓名', 'Name'],
  SEX: ['性别', 'Sex'],
  BIRTH_DATE: ['出生日期', 'Birth date'],
  ID_NUMBER: ['身份证号码', 'ID number'],
};

/** Stated value of a field ('' = not stated). */
const STATED: Record<Field, (r: PersonRecord) => string> = {
  NAME: (r) => r.name?.key ?? '',
  SEX: (r) => r.sex,
  BIRTH_DATE: (r) => r.birthDate,
  ID_NUMBER: (r) => (r.id.quality === 'valid' ? r.id.value : ''),
};

/** Value implied by the record's valid ID number, compared alongside the stated ones. */
const IMPLIED: Partial<Record<Field, (r: PersonRecord) => string>> = {
  SEX: (r) => (r.id.quality === 'valid' ? r.id.sex : ''),
  BIRTH_DATE: (r) => (r.id.quality === 'valid' ? r.id.birthDate : ''),
};

const FIELDS = Object.keys(STATED) as Field[];

/** Names agree when equal, '?' standing for one unreadable character (生僻字 typed as '?'). */
function sameName(a: string, b: string): boolean {
  if (a === b) return true;
  if (!a.includes('?') && !b.includes('?')) return false;
  const ca = [...a];
  const cb = [...b];
  return ca.length === cb.length && ca.every((c, i) => c === cb[i] || c === '?' || cb[i] === '?');
}

/** Codes raised by one record on its own: normaliser marks, and its ID's quality and implied birth date/sex. */
function ownCodes(r: PersonRecord, add: (field: Field, code: string) => void): void {
  for (const m of r.marks) {
    const f = MARK_FIELDS[m.code];
    // marks on a mother's, father's or guardian's ID are about another person; an invalid ID's implied
    // birth date or sex is a symptom of the ID_NUMBER finding, not a conflict of its own
    if (f && OWN_FIELDS.has(m.field) && (f === 'ID_NUMBER' || r.id.quality === 'valid')) add(f, m.code);
  }
  const q = r.id.quality;
  if (q === 'check_failed') add('ID_NUMBER', 'ID_CHECK_FAILED');
  else if (q === 'damaged') add('ID_NUMBER', 'ID_DAMAGED');
  else if (q === 'malformed') add('ID_NUMBER', 'ID_MALFORMED');
  else if (q === 'valid') {
    if (r.id.birthDate && r.birthDate && r.id.birthDate !== r.birthDate) add('BIRTH_DATE', 'ID_BIRTH_MISMATCH');
    if (r.id.sex && r.sex && r.id.sex !== r.sex) add('SEX', 'ID_SEX_MISMATCH');
  }
}

/** Whether the values of `field` (stated, or implied by a valid ID) do not all agree; allocation-free. */
function disagrees(field: Field, records: readonly PersonRecord[]): boolean {
  const stated = STATED[field];
  const implied = IMPLIED[field];
  const isName = field === 'NAME';
  let first = '';
  // indexed loops here and in mayConflict: these run for every person, and their for-of loops took
  // ~80 MB of iterator results at a million persons (V8's sampling heap profiler)
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const v = stated(r);
    if (v !== '') {
      if (first === '') first = v;
      else if (isName ? !sameName(first, v) : first !== v) return true;
    }
    if (implied) {
      const w = implied(r);
      if (w !== '') {
        if (first === '') first = w;
        else if (isName ? !sameName(first, w) : first !== w) return true;
      }
    }
  }
  return false;
}

/** Records carrying a value (stated, or implied by a valid ID) when the values do not all agree, else []. */
function differs(field: Field, records: PersonRecord[]): PersonRecord[] {
  if (!disagrees(field, records)) return [];
  const stated = STATED[field];
  const implied = IMPLIED[field];
  return records.filter((r) => stated(r) !== '' || (implied !== undefined && implied(r) !== ''));
}

/** Whether the record raises any code of its own (see ownCodes); allocation-free. */
function hasOwnCodes(r: PersonRecord): boolean {
  const q = r.id.quality;
  if (q === 'check_failed' || q === 'damaged' || q === 'malformed') return true;
  if (q === 'valid') {
    if (r.id.birthDate && r.birthDate && r.id.birthDate !== r.birthDate) return true;
    if (r.id.sex && r.sex && r.id.sex !== r.sex) return true;
  }
  for (let i = 0; i < r.marks.length; i++) {
    const m = r.marks[i]!;
    const f = MARK_FIELDS[m.code];
    if (f && OWN_FIELDS.has(m.field) && (f === 'ID_NUMBER' || q === 'valid')) return true;
  }
  return false;
}

/** Whether evaluatePerson would find anything: most persons have nothing, and this allocates nothing. */
function mayConflict(records: readonly PersonRecord[]): boolean {
  for (let i = 0; i < records.length; i++) if (hasOwnCodes(records[i]!)) return true;
  // one record without codes of its own agrees with itself (its ID's implied values included)
  if (records.length < 2) return false;
  for (let i = 0; i < FIELDS.length; i++) if (disagrees(FIELDS[i]!, records)) return true;
  return false;
}

type Push = (field: Field, refs: Set<PersonRecord>, codes: Set<string>) => void;

function evaluatePerson(p: PersonContext, push: Push): void {
  let byField: Map<Field, { refs: Set<PersonRecord>; codes: Set<string> }> | undefined;
  const entry = (f: Field) => {
    byField ??= new Map();
    let e = byField.get(f);
    if (!e) byField.set(f, (e = { refs: new Set(), codes: new Set() }));
    return e;
  };
  for (const r of p.records) {
    ownCodes(r, (f, code) => {
      const e = entry(f);
      e.refs.add(r);
      e.codes.add(code);
    });
  }
  for (const f of FIELDS) {
    const involved = differs(f, p.records);
    if (involved.length === 0) continue;
    const e = entry(f);
    for (const r of involved) e.refs.add(r);
    // a lone record whose ID disagrees with it already carries its ID_* code
    if (new Set(involved.map(STATED[f]).filter((v) => v !== '')).size > 1 || e.codes.size === 0) e.codes.add(VALUES_DIFFER);
  }
  if (byField) for (const [f, e] of byField) push(f, e.refs, e.codes);
}

/**
 * ATTRIBUTE_CONFLICT (信息不一致): one finding per person and field (detail NAME, SEX, BIRTH_DATE, ID_NUMBER)
 * when linked records state different values (name compared on its normalised key, so traditional vs
 * simplified characters and dot variants agree; sex and birth date include the values a valid ID implies), or a record's ID fails its check, is damaged or
 * malformed, or implies another birth date or sex (normaliser marks and the ID itself). Extra column
 * `codes`: the mark codes and VALUES_DIFFER.
 */
export const attributeConflict = personRule({
  type: 'ATTRIBUTE_CONFLICT',
  description: "a person's name, sex or birth date differs between sources, or an ID number is invalid or disagrees",
  evaluatePerson(ctx, p, out) {
    if (!mayConflict(p.records) || !p.records.some(ctx.inScope)) return;
    evaluatePerson(p, (field, records, codes) => {
      const list = [...records];
      const kinds = [...new Set(list.map((r) => r.kind))];
      const parts: [string, string][] = [];
      if (codes.has(VALUES_DIFFER)) {
        parts.push([
          `${FIELD_TEXT[field][0]}在${kinds.map((k) => KIND_LABELS[k].zh).join('、')}中${kinds.length > 1 ? '' : '的多条记录间'}不一致`,
          `${FIELD_TEXT[field][1]} differs between ${kinds.length > 1 ? kinds.map((k) => KIND_LABELS[k].en).join(', ') : `${KIND_LABELS[kinds[0]!].en} records`}`,
        ]);
      }
      // most have one code: no array to sort then
      for (const c of codes.size > 1 ? [...codes].sort() : codes) {
        const t = CODE_TEXT[c];
        if (t) parts.push(t);
      }
      out.push(
        makeFinding({
          type: 'ATTRIBUTE_CONFLICT',
          location: homeLocation(ctx, p),
          person: p,
          refs: list.map(recordRef),
          score: records.size > 1 ? p.score : null,
          detail: field,
          identity: field,
          reasonZh: parts.map((x) => x[0]).join('；'),
          reasonEn: parts.map((x) => x[1]).join('; '),
          extra: { codes: [...codes].sort().join(';') },
        }),
      );
    });
  },
});
