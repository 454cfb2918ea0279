import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../helpers/temp-dirs.js';
import { evalCommand } from '../../src/cli/commands/eval.js';
import { UsageError, type Io } from '../../src/cli/command.js';
import { evaluateRun, formatEvalReport } from '../../src/eval/evaluate-run.js';

const base = tempDirs('eval-')();

const BOM = '\ufeff';
function folder(name: string, files: Record<string, string>): string {
  const dir = join(base, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

const truthDir = folder('truth', {
  'persons.csv': 'record_ref,true_person\ncensus:E1,T1\nhukou:R1,T1\ncensus:E2,T1\ncensus:E3,T2\nhukou:R3,T2\nschool:S4,T3\n',
  'findings.csv':
    'type,record_refs,area_code,detail\n' +
    'DUPLICATE,census:E1;census:E2,430124001001001,\n' +
    'NOT_AT_REGISTERED_ADDRESS,census:E3;hukou:R3,430124001001001,WITHIN_TOWN\n' +
    'OMISSION,school:S4,430124001001002,\n' +
    'OCCUPIED_NOT_ENUMERATED,utility:U1;utility:U2,430124001001002,\n',
  'broken.csv': 'source,line\ncensus,7\n',
});

const FINDINGS_HEADER = 'finding_id,type,priority,area_code,enumerator_id,address,person_id,record_refs,score,reason_zh,reason_en\n';

describe('evaluateRun', () => {
  it('scores a perfect run 1.0', async () => {
    const run = folder('perfect', {
      'persons.csv': `${BOM}record_ref,person_id\ncensus:E1,P1\nhukou:R1,P1\ncensus:E2,P1\ncensus:E3,P2\nhukou:R3,P2\nschool:S4,P3\n`,
      'findings.csv':
        BOM +
        FINDINGS_HEADER +
        'F1,DUPLICATE,1,430124001001001,PCY1,"某路1号",P1,census:E1;census:E2,,重复,dup\n' +
        'F2,NOT_AT_REGISTERED_ADDRESS,3,430124001001001,PCY1,"某路1号",P2,census:E3;hukou:R3,,人户分离,nara\n' +
        'F3,OMISSION,1,430124001001002,PCY2,"某路2号",P3,school:S4,,漏登,omission\n' +
        'F4,OCCUPIED_NOT_ENUMERATED,1,430124001001002,PCY2,"某路2号",,utility:U1,,漏户,occupied\n',
      'rejects.csv': `${BOM}source,line,record_key,field,reason\ncensus,7,,,RAGGED_ROW\n`,
    });
    const report = await evaluateRun(run, truthDir);
    expect(report.linkage).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    for (const row of [...report.findings.byType, report.findings.combined]) expect(row.f1).toBe(1);
    expect(report.rejects).toEqual({ broken: 1, rejected: 1, extra: 0 });
    expect(formatEvalReport(report)).toContain('DUPLICATE+OMISSION+REGISTERED_ABSENT');
  });

  it('scores a known partial run', async () => {
    const run = folder('partial', {
      'persons.csv': `${BOM}record_ref,person_id\ncensus:E1,P1\nhukou:R1,P1\ncensus:E2,P9\ncensus:E3,P1\nhukou:R3,P2\nschool:S4,P3\n`,
      'findings.csv': BOM + FINDINGS_HEADER + 'F1,REGISTERED_ABSENT,1,,,,P3,school:S4,,,\nF2,DUPLICATE,1,,,,P1,census:E1;census:E3,,,\n',
    });
    const report = await evaluateRun(run, truthDir);
    // Truth pairs: T1 has 3 records (3 pairs), T2 has 2 (1 pair) → 4. Predicted: P1 {E1,R1,E3} → 3 pairs, 1 correct.
    expect(report.linkage).toMatchObject({ truePairs: 4, predictedPairs: 3, correctPairs: 1 });
    expect(report.linkage.precision).toBeCloseTo(1 / 3);
    expect(report.linkage.recall).toBeCloseTo(1 / 4);
    const byType = Object.fromEntries(report.findings.byType.map((r) => [r.type, r]));
    expect(byType.DUPLICATE).toMatchObject({ matched: 1, precision: 1, recall: 1 });
    expect(byType.REGISTERED_ABSENT).toMatchObject({ matched: 0, precision: 0 });
    expect(byType.NOT_AT_REGISTERED_ADDRESS).toMatchObject({ matched: 0, recall: 0 });
    expect(report.findings.combined).toMatchObject({ truth: 2, predicted: 2, matched: 2 });
    expect(report.rejects).toBeNull();
  });
});

describe('evaluateRun reading files', () => {
  it('reads quoted fields with commas and line breaks, CRLF, and files longer than one read', async () => {
    // a reason spanning lines and a comma-laden address: the refs after them must still be read right
    const padding = Array.from({ length: 3000 }, (_, i) => `census:X${i},P${i + 100}`).join('\r\n');
    const run = folder('quoted', {
      'persons.csv': `${BOM}record_ref,person_id\r\ncensus:E1,P1\r\nhukou:R1,P1\r\ncensus:E2,P1\r\ncensus:E3,P2\r\nhukou:R3,P2\r\n${padding}\r\nschool:S4,P3\r\n`,
      'findings.csv':
        FINDINGS_HEADER +
        'F1,DUPLICATE,1,,,"某路1号,2栋",P1,census:E1;census:E2,,"重复\n登记","dup, ""twice"""\n' +
        `F2,NOT_AT_REGISTERED_ADDRESS,3,,,"${'长'.repeat(70_000)}",P2,census:E3;hukou:R3,,,\n` +
        'F3,OMISSION,1,,,,P3,school:S4,,,\n' +
        'F4,OCCUPIED_NOT_ENUMERATED,1,,,,,utility:U1,,,\n',
    });
    const report = await evaluateRun(run, truthDir);
    expect(report.linkage).toMatchObject({ precision: 1, recall: 1, records: 6, missing: 0, unknown: 3000 });
    for (const row of [...report.findings.byType, report.findings.combined]) expect(row.f1).toBe(1);
  });

  it('names the file and the column when a column is missing, or the file is empty', async () => {
    const noId = folder('no-person-id', { 'persons.csv': 'record_ref,person\ncensus:E1,P1\n', 'findings.csv': FINDINGS_HEADER });
    await expect(evaluateRun(noId, truthDir)).rejects.toThrow(/no-person-id[/\\]persons\.csv: missing column "person_id"/);
    const empty = folder('empty-findings', { 'persons.csv': 'record_ref,person_id\n', 'findings.csv': '' });
    await expect(evaluateRun(empty, truthDir)).rejects.toThrow(/empty-findings[/\\]findings\.csv: missing column "type"/);
  });
});

describe('eval command', () => {
  const capture = (): Io & { text: string } => {
    const io = { text: '', isTty: false, out: (t: string) => void (io.text += t), err: (t: string) => void (io.text += t) };
    return io;
  };

  it('prints JSON with --json', async () => {
    const run = join(base, 'perfect');
    const io = capture();
    expect(await evalCommand.run([run, truthDir, '--json'], io)).toBe(0);
    expect(JSON.parse(io.text).linkage.f1).toBe(1);
  });

  it('rejects wrong arguments with a UsageError', async () => {
    await expect(evalCommand.run(['only-one'], capture())).rejects.toBeInstanceOf(UsageError);
  });

  it('prints usage with --help', async () => {
    const io = capture();
    expect(await evalCommand.run(['--help'], io)).toBe(0);
    expect(io.text).toContain('Usage: census-recon eval RUN_DIR TRUTH_DIR [--json]');
  });
});
