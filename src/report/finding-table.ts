import { FINDING_LABELS_ZH } from '../model.js';
import type { Finding } from '../model.js';

/** The contract's findings.csv columns, in order. */
export const FINDING_COLUMNS = [
  'finding_id',
  'type',
  'priority',
  'area_code',
  'enumerator_id',
  'address',
  'person_id',
  'record_refs',
  'score',
  'reason_zh',
  'reason_en',
] as const;

/** Decimals of scores and weights in CSVs (fixed, so runs are byte-identical). */
export const SCORE_DECIMALS = 4;

/** Fixed-decimal number for CSVs; '' for null, never '-0.0000'. */
export function formatScore(score: number | null, decimals = SCORE_DECIMALS): string {
  if (score === null || !Number.isFinite(score)) return '';
  const s = score.toFixed(decimals);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** findings.csv: contract columns, then label_zh, detail and the sorted union of Finding.extra keys. */
export function findingTable(findings: readonly Finding[]): { header: string[]; rows: Iterable<string[]> } {
  const reserved = new Set<string>([...FINDING_COLUMNS, 'label_zh', 'detail']);
  const extraKeys = new Set<string>();
  for (let i = 0; i < findings.length; i++) for (const k of Object.keys(findings[i]!.extra)) if (!reserved.has(k)) extraKeys.add(k);
  const extras = [...extraKeys].sort();
  const header = [...FINDING_COLUMNS, 'label_zh', 'detail', ...extras];
  function* rows(): Iterable<string[]> {
    for (let i = 0; i < findings.length; i++) {
      const f = findings[i]!;
      yield [
        f.findingId,
        f.type,
        String(f.priority),
        f.areaCode,
        f.enumeratorId,
        f.address,
        f.personId,
        f.recordRefs.join(';'),
        formatScore(f.score),
        f.reasonZh,
        f.reasonEn,
        FINDING_LABELS_ZH[f.type],
        f.detail,
        ...extras.map((k) => f.extra[k] ?? ''),
      ];
    }
  }
  return { header, rows: rows() };
}
