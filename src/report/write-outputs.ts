import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeCsv } from '../lib/write-csv.js';
import type { PersonRecord, Reject } from '../model.js';
import { buildSummary } from './build-summary.js';
import type { Summary } from './build-summary.js';
import { findingTable } from './finding-table.js';
import type { OutputInput } from './output-input.js';
import { renderReport } from './render-report.js';
import { representativeRecords } from './representative-records.js';
import { REVISIT_HEADER, buildRevisitLists, isVisitFinding, revisitFileName } from './revisit-lists.js';
import { reviewTable } from './review-table.js';
import { selectTopFindings, toTopFinding } from './top-findings.js';

export type { OutputInput } from './output-input.js';
export type { Summary } from './build-summary.js';
export { buildSummary } from './build-summary.js';
export { renderReport } from './render-report.js';

/** rejects.csv: the contract's columns, then the reason code. */
export const REJECT_HEADER = ['source', 'line', 'record_key', 'field', 'reason', 'code'] as const;
export const PERSON_HEADER = ['record_ref', 'person_id'] as const;

function* personRows(persons: readonly PersonRecord[], personOf: Int32Array, personIds: readonly string[]): Iterable<string[]> {
  const inOrder = persons.every((p, i) => i === 0 || persons[i - 1]!.ix < p.ix);
  const ordered = inOrder ? persons : [...persons].sort((a, b) => a.ix - b.ix);
  for (const p of ordered) yield [p.ref, personIds[personOf[p.ix]!]!];
}

function* rejectRows(rejects: readonly Reject[]): Iterable<Array<string | number>> {
  for (const r of rejects) yield [r.source, r.line, r.recordKey, r.field, r.reason, r.code];
}

/**
 * Writes every run output except manifest.json and model.json into `runDir` (which exists):
 * persons.csv, rejects.csv, findings.csv, review.csv, revisit/<area>.csv, summary.json, report.html.
 */
export async function writeOutputs(runDir: string, input: OutputInput): Promise<Summary> {
  const { persons, linkage, findings } = input;
  const summary = buildSummary(input);

  const top = selectTopFindings(findings);
  const shownIds = new Set<string>();
  for (const f of findings) if (f.personId && isVisitFinding(f)) shownIds.add(f.personId);
  for (const f of top) if (f.personId) shownIds.add(f.personId);
  const representative = representativeRecords(persons, linkage, shownIds);

  await writeCsv(join(runDir, 'persons.csv'), PERSON_HEADER, personRows(persons, linkage.personOf, linkage.personIds));
  await writeCsv(join(runDir, 'rejects.csv'), REJECT_HEADER, rejectRows(input.rejects));
  const ft = findingTable(findings);
  await writeCsv(join(runDir, 'findings.csv'), ft.header, ft.rows);
  const rt = reviewTable(linkage.review, persons);
  await writeCsv(join(runDir, 'review.csv'), rt.header, rt.rows);

  const revisitDir = join(runDir, 'revisit');
  await mkdir(revisitDir, { recursive: true });
  for (const [area, rows] of buildRevisitLists(findings, representative, input.maskIdNumbers)) {
    await writeCsv(join(revisitDir, revisitFileName(area)), REVISIT_HEADER, rows);
  }

  await writeFile(join(runDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  const topFindings = top.map((f) => toTopFinding(f, f.personId ? representative.get(f.personId) : undefined));
  await writeFile(join(runDir, 'report.html'), renderReport(summary, topFindings));
  return summary;
}
