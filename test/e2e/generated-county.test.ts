import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDirs } from '../helpers/temp-dirs.js';
import { evaluateRun, type EvalReport } from '../../src/eval/evaluate-run.js';
import { loadPipeline } from '../../src/pipeline/load-pipeline.js';
import { silentProgress } from '../../src/pipeline/progress.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import { synthCounty } from '../../src/synth/synth-county.js';

// A generated county with known truth, run end to end twice. Floors hold accuracy where the
// linkage and findings issues put it, so a regression fails CI.
const PERSONS = 8000;
const tempDir = tempDirs('census-recon-e2e-');
let county: string;
let runA: string;
let runB: string;
let report: EvalReport;

beforeAll(async () => {
  county = tempDir();
  await synthCounty({ persons: PERSONS, seed: 4242, outDir: county });
  const loaded = await loadPipeline(join(county, 'pipeline.json'));
  runA = (await runPipeline({ loaded, outDir: join(county, 'out-a'), progress: silentProgress })).runDir;
  runB = (await runPipeline({ loaded, outDir: join(county, 'out-b'), progress: silentProgress })).runDir;
  report = await evaluateRun(runA, join(county, 'truth'));
}, 300_000);

function csvRows(path: string): string[] {
  return readFileSync(path, 'utf8').replace(/^\ufeff/, '').trim().split('\n');
}

describe('a generated county, end to end', () => {
  it('links records to persons with pairwise precision ≥ 0.995 and recall ≥ 0.99', () => {
    expect(report.linkage.precision).toBeGreaterThanOrEqual(0.995);
    expect(report.linkage.recall).toBeGreaterThanOrEqual(0.99);
  });

  it.each([
    'DUPLICATE+OMISSION+REGISTERED_ABSENT',
    'NOT_AT_REGISTERED_ADDRESS',
    'UNREGISTERED',
    'DECEASED_NOT_CANCELLED',
    'VACANT_REGISTERED_DWELLING',
    'OCCUPIED_NOT_ENUMERATED',
  ])('finds %s with precision and recall ≥ 0.95', (type) => {
    const row = type.includes('+') ? report.findings.combined : report.findings.byType.find((r) => r.type === type)!;
    expect(row.truth).toBeGreaterThan(0);
    expect(row.precision).toBeGreaterThanOrEqual(0.95);
    expect(row.recall).toBeGreaterThanOrEqual(0.95);
  });

  it.each(['ATTRIBUTE_CONFLICT', 'ID_COLLISION', 'DUPLICATE', 'OMISSION', 'REGISTERED_ABSENT'])('finds %s with precision and recall ≥ 0.85', (type) => {
    const row = report.findings.byType.find((r) => r.type === type);
    if (!row || row.truth < 5) {
      // Too few planted in a county this small for a rate: hold the count instead.
      expect(Math.abs((row?.predicted ?? 0) - (row?.truth ?? 0))).toBeLessThanOrEqual(2);
      return;
    }
    expect(row.precision).toBeGreaterThanOrEqual(0.85);
    expect(row.recall).toBeGreaterThanOrEqual(0.85);
  });

  it('rejects every broken row and nothing else', () => {
    expect(report.rejects).not.toBeNull();
    expect(report.rejects!.rejected).toBe(report.rejects!.broken);
    expect(report.rejects!.extra).toBe(0);
  });

  it('accounts for every row: read = accepted + rejected, every accepted person record once in persons.csv', () => {
    const summary = JSON.parse(readFileSync(join(runA, 'summary.json'), 'utf8')) as {
      sources: Record<string, { read: number; accepted: number; rejected: number }>;
    };
    const pipeline = JSON.parse(readFileSync(join(county, 'pipeline.json'), 'utf8')) as { sources: Array<{ name: string; kind: string }> };
    let personRecords = 0;
    for (const { name, kind } of pipeline.sources) {
      const c = summary.sources[name]!;
      expect(c.read).toBe(c.accepted + c.rejected);
      if (kind !== 'utilities') personRecords += c.accepted;
    }
    const rows = csvRows(join(runA, 'persons.csv'));
    expect(rows[0]).toBe('record_ref,person_id');
    const refs = rows.slice(1).map((r) => r.split(',')[0]);
    expect(refs.length).toBe(personRecords);
    expect(new Set(refs).size).toBe(refs.length);
    const rejects = csvRows(join(runA, 'rejects.csv')).length - 1;
    expect(rejects).toBe(Object.values(summary.sources).reduce((a, c) => a + c.rejected, 0));
  });

  it('is deterministic: two runs give byte-identical outputs apart from the manifest and timings', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name).slice(dir.length + 1))
        .sort();
    const a = files(runA);
    expect(files(runB)).toEqual(a);
    expect(a.some((f) => f.startsWith('revisit/'))).toBe(true);
    for (const f of a) {
      if (f === 'manifest.json' || f === 'run.log') continue;
      let left = readFileSync(join(runA, f), 'utf8');
      let right = readFileSync(join(runB, f), 'utf8');
      if (f === 'summary.json') {
        const strip = (s: string) => JSON.stringify({ ...JSON.parse(s), timings: null });
        left = strip(left);
        right = strip(right);
      }
      expect(right, f).toBe(left);
    }
  });

  it('writes a manifest with every input hashed and the run complete', () => {
    const manifest = JSON.parse(readFileSync(join(runA, 'manifest.json'), 'utf8')) as {
      exit_status: number;
      complete: boolean;
      inputs: Array<{ path: string; sha256: string; size: number }>;
      pipeline: { sha256: string };
    };
    expect(manifest.exit_status).toBe(0);
    expect(manifest.complete).toBe(true);
    expect(manifest.inputs).toHaveLength(6);
    for (const input of manifest.inputs) {
      const bytes = readFileSync(input.path);
      expect(input.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(input.size).toBe(bytes.length);
    }
  });

  it('exits 3 with a complete run when a source rejects more rows than the pipeline allows', async () => {
    const pipeline = JSON.parse(readFileSync(join(county, 'pipeline.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(county, 'strict.json'), JSON.stringify({ ...pipeline, max_reject_rate: 0 }));
    const loaded = await loadPipeline(join(county, 'strict.json'));
    const outcome = await runPipeline({ loaded, outDir: join(county, 'out-strict'), progress: silentProgress });
    expect(outcome.exitCode).toBe(3);
    expect(outcome.overRejectLimit.length).toBeGreaterThan(0);
    expect(outcome.runDir.endsWith('.partial')).toBe(false);
    expect(JSON.parse(readFileSync(join(outcome.runDir, 'manifest.json'), 'utf8')).exit_status).toBe(3);
  });
});
