import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileWriter } from '../lib/file-writer.js';
import { type CsvWriter, writeCsv, writeCsvWith, writeSmallCsv } from '../lib/write-csv.js';
import type { PersonRecord, Reject } from '../model.js';
import { buildSummary } from './build-summary.js';
import type { Summary } from './build-summary.js';
import { findingTable } from './finding-table.js';
import type { OutputInput } from './output-input.js';
import { renderReport } from './render-report.js';
import { representativeRecords } from './representative-records.js';
import { REVISIT_HEADER, isVisitFinding, revisitFileName, revisitLists } from './revisit-lists.js';
import { reviewTable } from './review-table.js';
import { selectTopFindings, toTopFinding } from './top-findings.js';
import { REF_SEPARATOR } from '../lib/record-ref.js';

export type { OutputInput } from './output-input.js';
export type { Summary } from './build-summary.js';
export { buildSummary } from './build-summary.js';
export { renderReport } from './render-report.js';

/** rejects.csv: the contract's columns, then the reason code. */
export const REJECT_HEADER = ['source', 'line', 'record_key', 'field', 'reason', 'code'] as const;
export const PERSON_HEADER = ['record_ref', 'person_id'] as const;

/** persons.csv rows, written field by field: no array, ref or line string per row (two million rows at a million persons). */
function* personRows(out: CsvWriter, persons: readonly PersonRecord[], personOf: Int32Array, personIds: readonly string[]): Iterable<void> {
  let inOrder = true;
  for (let i = 1; i < persons.length; i++) {
    if (persons[i - 1]!.ix >= persons[i]!.ix) {
      inOrder = false;
      break;
    }
  }
  const ordered = inOrder ? persons : [...persons].sort((a, b) => a.ix - b.ix);
  // indexed loops over records and findings in the write stage: run once, its for-of loops stayed
  // unoptimised and made an iterator result per item, 430 MB of the stage's 984 MB at a million
  // persons (V8's sampling heap profiler)
  for (let i = 0; i < ordered.length; i++) {
    const p = ordered[i]!;
    // the record's ref (recordRef), written from its parts
    out.fieldOf(p.source, REF_SEPARATOR, p.recordKey);
    out.field(personIds[personOf[p.ix]!]!);
    out.endRow();
    if (out.full) yield;
  }
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
  // repeats allowed: representativeRecords keeps one of each (a Set of them cost ~0.2 s at a million persons)
  const shown: number[] = [];
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    if (f.personIndex >= 0 && isVisitFinding(f)) shown.push(f.personIndex);
  }
  for (const f of top) if (f.personIndex >= 0) shown.push(f.personIndex);
  const representative = representativeRecords(persons, linkage, shown);

  const revisitDir = join(runDir, 'revisit');
  await mkdir(revisitDir, { recursive: true });
  const ft = findingTable(findings);
  const rt = reviewTable(linkage.review, persons);
  const topFindings = top.map((f) => toTopFinding(f, f.personId ? representative.get(f.personId) : undefined));
  // one small file per area, encoded here and written on a worker (FileWriter) while this thread goes on
  const files = new FileWriter(input.threaded ?? true);
  try {
    for (const [area, rows] of revisitLists(findings, representative, input.maskIdNumbers)) {
      writeSmallCsv(join(revisitDir, revisitFileName(area)), REVISIT_HEADER, rows(), files);
    }
  } catch (err) {
    files.abandon();
    throw err;
  }
  // the files are independent: their writers interleave at each write (write-csv.ts), one file's I/O overlapping another's formatting
  await Promise.all([
    files.finish(),
    writeCsvWith(join(runDir, 'persons.csv'), PERSON_HEADER, (out) => personRows(out, persons, linkage.personOf, linkage.personIds)),
    writeCsv(join(runDir, 'rejects.csv'), REJECT_HEADER, rejectRows(input.rejects)),
    writeCsv(join(runDir, 'findings.csv'), ft.header, ft.rows),
    writeCsv(join(runDir, 'review.csv'), rt.header, rt.rows),
    writeFile(join(runDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`),
    writeFile(join(runDir, 'report.html'), renderReport(summary, topFindings)),
  ]);
  return summary;
}
