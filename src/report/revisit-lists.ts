import { FINDING_LABELS_ZH } from '../model.js';
import type { Finding, PersonRecord } from '../model.js';
import { maskId } from '../normalise/normalise-id.js';
import { sortByAddress } from './natural-compare.js';

/** Columns of a revisit list: only what the visit needs. */
export const REVISIT_HEADER = [
  '序号',
  '地址',
  '核查类型',
  '姓名',
  '性别',
  '出生年月',
  '身份证号',
  '核查原因',
  '优先级',
  '记录编号',
] as const;

const SEX_ZH: Record<string, string> = { M: '男', F: '女', '': '' };

/** Whether a finding goes on a field list: it names a small area and is not a clerical REVIEW pair. */
export function isVisitFinding(f: Finding): boolean {
  return f.type !== 'REVIEW' && f.areaCode !== '';
}

/** File name of a small area's list, restricted to safe characters. */
export function revisitFileName(areaCode: string): string {
  return `${areaCode.replace(/[^0-9A-Za-z_-]/g, '_')}.csv`;
}

/**
 * Builds one list per census small area: rows ordered by address (natural order), then priority, then finding_id.
 * `representative` maps person_id → the record to show; dwelling-level findings show the address only.
 */
export function buildRevisitLists(
  findings: readonly Finding[],
  representative: ReadonlyMap<string, PersonRecord>,
  maskIdNumbers: boolean,
): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  for (const [area, rows] of revisitLists(findings, representative, maskIdNumbers)) out.set(area, rows());
  return out;
}

/**
 * buildRevisitLists with each area's rows built only when asked for (the writer builds, writes and drops
 * one area at a time instead of holding every list at once). Areas ascending.
 */
export function revisitLists(
  findings: readonly Finding[],
  representative: ReadonlyMap<string, PersonRecord>,
  maskIdNumbers: boolean,
): Array<[area: string, rows: () => string[][]]> {
  const byArea = new Map<string, Finding[]>();
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    if (!isVisitFinding(f)) continue;
    let list = byArea.get(f.areaCode);
    if (!list) byArea.set(f.areaCode, (list = []));
    list.push(f);
  }
  const rows = (list: Finding[]): string[][] => {
    // each finding's person looked up once, for its address and its row
    const shown = list.map((f) => ({ f, person: f.personId ? representative.get(f.personId) : undefined }));
    const sorted = sortByAddress(
      shown,
      ({ f, person }) => f.address || (person?.address ?? ''),
      ({ f: a }, { f: b }) => a.priority - b.priority || (a.findingId < b.findingId ? -1 : a.findingId > b.findingId ? 1 : 0),
    );
    return sorted.map(({ f, person }, i) => {
      const id = person?.id.value ?? '';
      const birth = person ? person.birthDate || person.id.birthDate : '';
      return [
        String(i + 1),
        f.address || (person?.address ?? ''),
        FINDING_LABELS_ZH[f.type],
        person?.name.display ?? '',
        person ? SEX_ZH[person.sex]! : '',
        birth.slice(0, 7),
        id && maskIdNumbers ? maskId(id) : id,
        f.reasonZh,
        String(f.priority),
        f.findingId,
      ];
    });
  };
  return [...byArea.keys()].sort().map((area) => [area, () => rows(byArea.get(area)!)]);
}
