import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FINDING_TYPES } from '../../src/model.js';
import { writeOutputs } from '../../src/report/write-outputs.js';
import { tinyInput } from './fixtures.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'report-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readCsv(path: string): Promise<{ raw: string; header: string[]; rows: string[][] }> {
  const raw = await readFile(path, 'utf8');
  const [header, ...rows] = parse(raw.replace(/^\ufeff/, ''), { relax_column_count: false }) as string[][];
  return { raw, header: header!, rows };
}

describe('writeOutputs', () => {
  it('writes every output file', async () => {
    await writeOutputs(dir, tinyInput());
    expect((await readdir(dir)).sort()).toEqual(
      ['findings.csv', 'persons.csv', 'rejects.csv', 'report.html', 'review.csv', 'revisit', 'summary.json'].sort(),
    );
    expect((await readdir(join(dir, 'revisit'))).sort()).toEqual(['430104001001001.csv', '430104002003001.csv']);
  });

  it.each(['persons.csv', 'rejects.csv', 'findings.csv', 'review.csv', 'revisit/430104001001001.csv'])('%s starts with a UTF-8 BOM', async (file) => {
    await writeOutputs(dir, tinyInput());
    const bytes = await readFile(join(dir, file));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('persons.csv lists every person record by ix with its person_id', async () => {
    const input = tinyInput();
    input.persons.reverse(); // order must come from ix, not array position
    await writeOutputs(dir, input);
    const { header, rows } = await readCsv(join(dir, 'persons.csv'));
    expect(header).toEqual(['record_ref', 'person_id']);
    expect(rows).toEqual([
      ['roster:E0000', 'P000000'],
      ['hukou:R1', 'P000000'],
      ['roster:E0002', 'P000001'],
      ['hukou:R2, "x"', 'P000002'],
      ['roster:E0004', 'P000003'],
    ]);
  });

  it('quotes commas, quotes and newlines', async () => {
    await writeOutputs(dir, tinyInput());
    const persons = await readFile(join(dir, 'persons.csv'), 'utf8');
    expect(persons).toContain('"hukou:R2, ""x"""');
    const rejects = await readCsv(join(dir, 'rejects.csv'));
    expect(rejects.header).toEqual(['source', 'line', 'record_key', 'field', 'reason', 'code']);
    expect(rejects.rows).toEqual([
      ['roster', '7', 'E9', 'birth_date', 'date "2019-13-40" is not a date, sorry', 'BAD_DATE'],
      ['roster', '9', '', '', 'row has 3 fields\nexpected 12', 'RAGGED_ROW'],
      ['hukou', '4', 'R9', 'birth_date', 'bad date', 'BAD_DATE'],
    ]);
  });

  it('findings.csv has the contract columns first, then label_zh, detail and sorted extras', async () => {
    await writeOutputs(dir, tinyInput());
    const { header, rows } = await readCsv(join(dir, 'findings.csv'));
    expect(header).toEqual([
      'finding_id', 'type', 'priority', 'area_code', 'enumerator_id', 'address', 'person_id', 'record_refs', 'score', 'reason_zh', 'reason_en',
      'label_zh', 'detail', 'evidence', 'level',
    ]);
    expect(rows).toHaveLength(5);
    const byId = new Map(rows.map((r) => [r[0], r]));
    expect(byId.get('F000001')!.slice(7, 15)).toEqual([
      'hukou:R1;roster:E0000', '', '现住地与户籍地不在同一乡镇街道', 'lives in another township than registered, "quoted", with comma',
      '人户分离', 'WITHIN_COUNTY', '', 'WITHIN_COUNTY',
    ]);
    expect(byId.get('F000002')![9]).toBe('户籍在册\n未登记');
    expect(byId.get('F000004')![8]).toBe('0.7000');
    expect(byId.get('F000005')![8]).toBe('0.0000'); // never -0.0000
  });

  it('review.csv has per-comparison level and weight columns', async () => {
    await writeOutputs(dir, tinyInput());
    const { header, rows } = await readCsv(join(dir, 'review.csv'));
    expect(header).toEqual(['left_ref', 'right_ref', 'score', 'name_level', 'name_weight', 'birth_date_level', 'birth_date_weight', 'match_weight']);
    expect(rows).toEqual([['roster:E0002', 'roster:E0004', '0.700000', 'pinyin_fuzzy', '2.5000', 'exact', '6.0000', '1.2000']]);
  });

  it('revisit lists mask IDs, keep only year-month, skip REVIEW and area-less findings', async () => {
    await writeOutputs(dir, tinyInput());
    const a = await readCsv(join(dir, 'revisit', '430104001001001.csv'));
    expect(a.header).toEqual(['序号', '地址', '核查类型', '姓名', '性别', '出生年月', '身份证号', '核查原因', '优先级', '记录编号']);
    expect(a.rows).toEqual([['1', '幸福路10号', '人户分离', '王<b>丽', '女', '1980-05', '430104********123X', '现住地与户籍地不在同一乡镇街道', '3', 'F000001']]);
    const b = await readCsv(join(dir, 'revisit', '430104002003001.csv'));
    expect(b.rows.map((r) => [r[0], r[2], r[3], r[8], r[9]])).toEqual([
      ['1', '户在人不在', '李四', '1', 'F000002'],
      ['2', '疑似漏户', '', '2', 'F000003'],
    ]);
    expect(b.rows[1]!.slice(3, 7)).toEqual(['', '', '', '']); // dwelling-level: address only
  });

  it('revisit lists show full IDs when masking is off', async () => {
    await writeOutputs(dir, { ...tinyInput(), maskIdNumbers: false });
    const a = await readCsv(join(dir, 'revisit', '430104001001001.csv'));
    expect(a.rows[0]![6]).toBe('43010419800517123X');
  });

  it('summary.json matches the returned summary and is byte-identical across runs except timings', async () => {
    const summary = await writeOutputs(dir, tinyInput());
    const first = await readFile(join(dir, 'summary.json'), 'utf8');
    expect(JSON.parse(first)).toEqual(summary);
    expect(Object.keys(summary.findings.byType)).toEqual([...FINDING_TYPES]);
    expect(Object.keys(summary).at(-1)).toBe('timings');
    const again = await writeOutputs(dir, tinyInput());
    expect(await readFile(join(dir, 'summary.json'), 'utf8')).toBe(first);
    expect(again).toEqual(summary);
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    await writeOutputs(dir, { ...tinyInput(), timings: { ingest: 9, link: 9, reconcile: 9 } });
    const { timings: _a, ...rest1 } = JSON.parse(first);
    const { timings: _b, ...rest2 } = JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8'));
    expect(rest2).toEqual(rest1);
    expect(html).toContain('data-total="DUPLICATE"');
  });
});
