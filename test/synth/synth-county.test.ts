import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDirs } from '../helpers/temp-dirs.js';
import { FINDING_TYPES } from '../../src/model.js';
import { pipelineSchema } from '../../src/pipeline/pipeline-schema.js';
import { evaluateRun } from '../../src/eval/evaluate-run.js';
import { synthCommand } from '../../src/cli/commands/synth.js';
import { UsageError } from '../../src/cli/command.js';
import { synthCounty, type SynthSummary } from '../../src/synth/synth-county.js';
import { SYNTH_SOURCES } from '../../src/synth/synth-sources.js';

const PERSONS = 5000;
const tempDir = tempDirs('synth-');
let dirA: string;
let dirB: string;
let dirC: string;
let summary: SynthSummary;

function filesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

function readText(dir: string, file: string, encoding: 'utf8' | 'gb18030'): string {
  const bytes = readFileSync(join(dir, file));
  return encoding === 'gb18030' ? iconv.decode(bytes, 'gb18030') : bytes.toString('utf8');
}

/** Rows with the physical line each starts on. */
function rowsWithLines(text: string): Array<{ line: number; cells: string[] }> {
  const records = parse(text, { bom: true, relax_column_count: true, info: true }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  let prevEnd = 0;
  return records.map(({ record, info }) => {
    const row = { line: prevEnd + 1, cells: record };
    prevEnd = info.lines;
    return row;
  });
}

function truthCsv(dir: string, file: string): string[][] {
  return (parse(readFileSync(join(dir, 'truth', file), 'utf8')) as string[][]).slice(1);
}

beforeAll(async () => {
  const base = tempDir();
  dirA = join(base, 'a');
  dirB = join(base, 'b');
  dirC = join(base, 'c');
  summary = await synthCounty({ persons: PERSONS, seed: 11, outDir: dirA });
  await synthCounty({ persons: PERSONS, seed: 11, outDir: dirB });
  await synthCounty({ persons: PERSONS, seed: 12, outDir: dirC });
});

describe('synthCounty', () => {
  it('is deterministic: the same seed gives byte-identical files', () => {
    const files = filesOf(dirA);
    expect(files).toEqual(filesOf(dirB));
    expect(files.length).toBe(6 + 1 + 4);
    for (const f of files) expect(readFileSync(join(dirA, f)).equals(readFileSync(join(dirB, f))), f).toBe(true);
  });

  it('differs for another seed', () => {
    expect(readFileSync(join(dirA, '普查登记.csv')).equals(readFileSync(join(dirC, '普查登记.csv')))).toBe(false);
  });

  it('writes about the requested number of persons', () => {
    expect(summary.persons).toBeGreaterThan(PERSONS * 0.85);
    expect(summary.persons).toBeLessThan(PERSONS * 1.15);
    expect(summary.rows.census).toBeGreaterThan(PERSONS * 0.8);
    expect(summary.rows.hukou).toBeGreaterThan(PERSONS * 0.8);
  });

  it.each(Object.values(SYNTH_SOURCES).map((s) => [s.file, s] as const))('%s has the declared headers, encoding, BOM and line ends', (_file, src) => {
    const bytes = readFileSync(join(dirA, src.file));
    const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    expect(hasBom).toBe(src.dialect.bom);
    const text = readText(dirA, src.file, src.dialect.encoding);
    const firstLine = text.replace(/^\ufeff/, '').split('\n')[0]!;
    expect(firstLine.endsWith('\r')).toBe(src.dialect.crlf);
    expect(firstLine.replace(/\r$/, '').split(',')).toEqual(Object.values(src.columns));
    if (src.dialect.encoding === 'gb18030') {
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    }
  });

  it('writes a pipeline.json that the pipeline schema accepts', () => {
    const raw = JSON.parse(readFileSync(join(dirA, 'pipeline.json'), 'utf8'));
    const parsed = pipelineSchema.parse(raw);
    expect(parsed.reference_date).toBe('2020-11-01');
    expect(parsed.scope.area_prefix).toMatch(/^\d{6}$/);
    expect(parsed.output.dir).toBe('out');
    for (const s of parsed.sources) expect(filesOf(dirA)).toContain(s.path);
  });

  it('plants every finding type (except REVIEW)', () => {
    const planted = new Set(truthCsv(dirA, 'findings.csv').map((r) => r[0]));
    for (const t of FINDING_TYPES) if (t !== 'REVIEW') expect(planted.has(t), t).toBe(true);
    for (const t of FINDING_TYPES) if (t !== 'REVIEW') expect(summary.findings[t], t).toBeGreaterThan(0);
  });

  it('accounts for every data row: accepted (truth/persons.csv) or broken (truth/broken.csv)', () => {
    const accepted = new Set(truthCsv(dirA, 'persons.csv').map((r) => r[0]!));
    const broken = new Set(truthCsv(dirA, 'broken.csv').map((r) => `${r[0]}:${r[1]}`));
    expect(accepted.size).toBe(truthCsv(dirA, 'persons.csv').length);
    for (const src of Object.values(SYNTH_SOURCES)) {
      const rows = rowsWithLines(readText(dirA, src.file, src.dialect.encoding)).slice(1);
      const width = Object.keys(src.columns).length;
      let brokenHere = 0;
      for (const { line, cells } of rows) {
        const isBroken = broken.has(`${src.name}:${line}`);
        if (isBroken) {
          brokenHere++;
          continue;
        }
        expect(cells.length, `${src.name} line ${line}`).toBe(width);
        if (src.kind !== 'utilities') expect(accepted.has(`${src.name}:${cells[0]}`), `${src.name} line ${line}`).toBe(true);
      }
      expect(brokenHere).toBe(summary.broken[src.name]);
      expect(rows.length).toBe(summary.rows[src.name]);
    }
  });

  it('refers only to accepted records in findings, with sorted refs', () => {
    const accepted = new Set(truthCsv(dirA, 'persons.csv').map((r) => r[0]!));
    for (const [type, refs, area] of truthCsv(dirA, 'findings.csv')) {
      const list = refs!.split(';');
      expect([...list].sort()).toEqual(list);
      expect(area).toMatch(/^\d{15}$/);
      for (const ref of list) {
        if (type === 'OCCUPIED_NOT_ENUMERATED') expect(ref.startsWith('utility:')).toBe(true);
        else expect(accepted.has(ref), `${type} ${ref}`).toBe(true);
      }
    }
  });

  it('gives NOT_AT_REGISTERED_ADDRESS a level, ATTRIBUTE_CONFLICT a field', () => {
    const levels = new Set<string>();
    for (const [type, , , detail] of truthCsv(dirA, 'findings.csv')) {
      if (type === 'NOT_AT_REGISTERED_ADDRESS') levels.add(detail!);
      if (type === 'ATTRIBUTE_CONFLICT') expect(['NAME', 'SEX', 'BIRTH_DATE', 'ID_NUMBER']).toContain(detail);
    }
    expect([...levels].sort()).toEqual(['OUTSIDE_COUNTY', 'WITHIN_COUNTY', 'WITHIN_TOWN']);
  });

  it('never writes ID numbers or names to the summary', () => {
    expect(JSON.stringify(summary)).toMatch(/^[\x20-\x7e]*$/);
  });

  it('scales dirt with --error-rate-scale', async () => {
    const dir = join(dirA, '..', 'clean');
    const clean = await synthCounty({ persons: 2000, seed: 3, outDir: dir, errorRateScale: 0 });
    expect(Object.values(clean.broken).every((n) => n === 0)).toBe(true);
    const conflicts = truthCsv(dir, 'findings.csv').filter((r) => r[0] === 'ATTRIBUTE_CONFLICT' && r[3] !== 'BIRTH_DATE' && r[3] !== 'SEX');
    expect(conflicts).toHaveLength(0);
  });

  it('scores its own truth, written as a run folder, 1.0 in eval', async () => {
    const run = join(dirA, '..', 'run');
    mkdirSync(run, { recursive: true });
    const persons = truthCsv(dirA, 'persons.csv');
    writeFileSync(join(run, 'persons.csv'), '\ufeffrecord_ref,person_id\n' + persons.map((r) => r.join(',')).join('\n') + '\n');
    const findings = truthCsv(dirA, 'findings.csv');
    writeFileSync(
      join(run, 'findings.csv'),
      '\ufefffinding_id,type,priority,area_code,enumerator_id,address,person_id,record_refs,score,reason_zh,reason_en\n' +
        findings.map((r, i) => `F${i},${r[0]},1,${r[2]},,,,${r[1]},,,`).join('\n') +
        '\n',
    );
    const report = await evaluateRun(run, join(dirA, 'truth'));
    expect(report.linkage.f1).toBe(1);
    for (const row of [...report.findings.byType, report.findings.combined]) expect(row.f1, row.type).toBe(1);
  });
});

describe('synth command', () => {
  const capture = () => {
    const io = { text: '', isTty: false, out: (t: string) => void (io.text += t), err: (t: string) => void (io.text += t) };
    return io;
  };

  it('prints usage with --help', async () => {
    const io = capture();
    expect(await synthCommand.run(['--help'], io)).toBe(0);
    expect(io.text).toContain('Usage: census-recon synth --persons N --seed S --out DIR [--error-rate-scale X]');
  });

  it.each([[['--persons', 'many', '--seed', '1', '--out', 'x']], [['--seed', '1', '--out', 'x']], [['--persons', '100', '--seed', '1']], [['--bogus']]])(
    'rejects bad arguments %j',
    async (args) => {
      await expect(synthCommand.run(args, capture())).rejects.toBeInstanceOf(UsageError);
    },
  );

  it('generates a county and prints counts only', async () => {
    const io = capture();
    const out = join(dirA, '..', 'cli');
    expect(await synthCommand.run(['--persons', '300', '--seed', '5', '--out', out], io)).toBe(0);
    expect(io.text).toMatch(/persons/);
    expect(io.text).not.toMatch(/[\u4e00-\u9fff]/);
    expect(filesOf(out)).toContain('pipeline.json');
  });
});
