import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { CsvTokenizer } from '../ingest/csv-tokenizer.js';
import { decodeStream } from '../ingest/decode-stream.js';
import { FINDING_TYPES } from '../model.js';
import { scoreFindings, type FindingScoreRow, type FindingScores, type ScoredFinding } from './score-findings.js';
import { LinkageTally, type LinkageScore } from './score-linkage.js';

export interface RejectScore {
  /** Rows the truth says are broken. */
  broken: number;
  /** Of those, rejected by the run. */
  rejected: number;
  /** Rows the run rejected that the truth says are fine. */
  extra: number;
}

export interface EvalReport {
  linkage: LinkageScore;
  findings: FindingScores;
  /** Present when both the run's rejects.csv and the truth's broken.csv exist. */
  rejects: RejectScore | null;
}

/**
 * Calls `onRow` with each data row of a CSV (BOM tolerated, quoted fields as the run writes them) and
 * the position of each `required` column; throws naming the file when one is missing. The file is read
 * in chunks and no table of rows is kept: the run's and the truth's persons.csv of a county of five
 * million persons have ten million rows each.
 */
async function forEachRow(path: string, required: readonly string[], onRow: (cells: string[], col: Record<string, number>) => void): Promise<void> {
  let col: Record<string, number> | undefined;
  const tokenizer = new CsvTokenizer(',', ({ cells }) => {
    if (col) {
      onRow(cells, col);
      return;
    }
    col = {};
    for (const name of required) {
      const i = cells.indexOf(name);
      if (i < 0) throw new Error(`${path}: missing column "${name}"`);
      col[name] = i;
    }
  });
  // the run and the generator write UTF-8 with a BOM, which decodeStream drops
  for await (const text of decodeStream(createReadStream(path, { highWaterMark: 1 << 16 }), 'utf8')) tokenizer.push(text);
  tokenizer.end();
  if (!col) throw new Error(`${path}: missing column "${required[0]}"`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** The truth's persons.csv, then the run's, tallied as they are read (LinkageTally). */
async function scorePersons(runPersons: string, truthPersons: string): Promise<LinkageScore> {
  const tally = new LinkageTally();
  await forEachRow(truthPersons, ['record_ref', 'true_person'], (r, col) => tally.addTruth(r[col.record_ref!] ?? '', r[col.true_person!] ?? ''));
  await forEachRow(runPersons, ['record_ref', 'person_id'], (r, col) => tally.addRun(r[col.record_ref!] ?? '', r[col.person_id!] ?? ''));
  return tally.score();
}

async function readFindings(path: string): Promise<ScoredFinding[]> {
  const out: ScoredFinding[] = [];
  await forEachRow(path, ['type', 'record_refs'], (r, col) =>
    out.push({
      type: r[col.type!] ?? '',
      refs: (r[col.record_refs!] ?? '').split(';').filter((x) => x !== ''),
    }),
  );
  return out;
}

async function readLines(path: string, sourceCol: string, lineCol: string): Promise<Set<string>> {
  const out = new Set<string>();
  await forEachRow(path, [sourceCol, lineCol], (r, col) => out.add(`${r[col[sourceCol]!]}:${r[col[lineCol]!]}`));
  return out;
}

/** Scores a run folder (persons.csv, findings.csv, optional rejects.csv) against a synth truth folder. */
export async function evaluateRun(runDir: string, truthDir: string): Promise<EvalReport> {
  const [linkage, predFindings, truthFindings] = await Promise.all([
    scorePersons(join(runDir, 'persons.csv'), join(truthDir, 'persons.csv')),
    readFindings(join(runDir, 'findings.csv')),
    readFindings(join(truthDir, 'findings.csv')),
  ]);
  let rejects: RejectScore | null = null;
  const rejectsPath = join(runDir, 'rejects.csv');
  const brokenPath = join(truthDir, 'broken.csv');
  if ((await exists(rejectsPath)) && (await exists(brokenPath))) {
    const [got, want] = await Promise.all([readLines(rejectsPath, 'source', 'line'), readLines(brokenPath, 'source', 'line')]);
    let rejected = 0;
    for (const k of want) if (got.has(k)) rejected++;
    rejects = { broken: want.size, rejected, extra: got.size - rejected };
  }
  return {
    linkage,
    findings: scoreFindings(predFindings, truthFindings, FINDING_TYPES),
    rejects,
  };
}

const pct = (x: number): string => (100 * x).toFixed(1).padStart(6);

/** A plain-text table of an evaluation (what `census-recon eval` prints). */
export function formatEvalReport(report: EvalReport): string {
  const l = report.linkage;
  const lines = [
    'Linkage (pairwise)',
    `  precision ${pct(l.precision)}%  recall ${pct(l.recall)}%  F1 ${pct(l.f1)}%`,
    `  true pairs ${l.truePairs}, predicted pairs ${l.predictedPairs}, correct ${l.correctPairs}; records ${l.records}, missing from run ${l.missing}, unknown to truth ${l.unknown}`,
    '',
    'Findings',
    `  ${'type'.padEnd(36)} ${'truth'.padStart(8)} ${'run'.padStart(8)} ${'matched'.padStart(8)} ${'prec%'.padStart(6)} ${'rec%'.padStart(6)} ${'F1%'.padStart(6)}`,
  ];
  const fmt = (r: FindingScoreRow) =>
    `  ${r.type.padEnd(36)} ${String(r.truth).padStart(8)} ${String(r.predicted).padStart(8)} ${String(r.matched).padStart(8)} ${pct(r.precision)} ${pct(r.recall)} ${pct(r.f1)}`;
  for (const r of report.findings.byType) lines.push(fmt(r));
  lines.push(fmt(report.findings.combined));
  lines.push(`  REVIEW findings (not scored): ${report.findings.review}`);
  if (report.rejects) {
    const r = report.rejects;
    lines.push('', `Rejects: ${r.rejected} of ${r.broken} broken rows rejected; ${r.extra} other rows rejected`);
  }
  return lines.join('\n') + '\n';
}
