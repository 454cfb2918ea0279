import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readSource, readSourceStream } from '../../src/ingest/read-source.js';
import { pipelineSchema, type SourceConfig } from '../../src/pipeline/pipeline-schema.js';

const register = pipelineSchema.parse({
  scope: { area_prefix: '430104' },
  sources: [
    {
      name: 'hj',
      kind: 'register',
      path: 'hj.csv',
      columns: {
        record_key: '编号',
        household_no: '户号',
        area_code: '区划代码',
        address: '住址',
        name: '姓名',
        id_number: '身份证号',
        sex: '性别',
        birth_date: '出生日期',
        status: '状态',
      },
    },
    {
      name: 'pc',
      kind: 'enumeration',
      path: 'pc.csv',
      columns: {
        record_key: '编号',
        area_code: '小区',
        household_id: '户',
        address: '住址',
        name: '姓名',
        sex: '性别',
        birth_date: '出生日期',
        presence: '居住状态',
      },
    },
  ],
}).sources[0] as SourceConfig;

const HEADER = '编号,户号,区划代码,住址,姓名,身份证号,性别,出生日期,状态';
// Generated, fictional people; the ID numbers carry valid check characters.
const ROWS = [
  'R1,H1,430104001001,芙蓉路12号3栋2单元301室,王小明,430104199003071234,男,1990-03-07,正常',
  'R2,H1,430104001001,"芙蓉路12号3栋2单元301室",李红,,女,1992/5/6,正常',
  'R3,H2,430104001002,"湘江路8号\n(后栋)",赵六,,男,19850101,迁出',
];

/** Feeds bytes to the reader in chunks of `size` bytes (1 exposes every boundary bug). */
function chunked(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  const parts: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts);
}

const paths = [
  ['whole', Number.MAX_SAFE_INTEGER],
  ['tiny chunks', 3],
  ['one byte', 1],
] as const;

describe.each(paths)('readSourceStream (%s)', (_label, chunk) => {
  const read = (bytes: Uint8Array, source: SourceConfig = register) => readSourceStream(source, chunked(bytes, chunk), 'hj.csv');

  it('reads UTF-8 with a BOM and CRLF line endings', async () => {
    const text = `\ufeff${[HEADER, ...ROWS].join('\r\n')}\r\n`;
    const result = await read(Buffer.from(text, 'utf8'));
    expect(result.encoding).toBe('utf8');
    expect(result.counts).toEqual({ read: 3, accepted: 3, rejected: 0 });
    expect(result.persons.map((p) => p.recordKey)).toEqual(['R1', 'R2', 'R3']);
    expect(result.persons.map((p) => p.line)).toEqual([2, 3, 4]);
    expect(result.persons[2]!.address).toContain('湘江路8号');
  });

  it('detects GB18030 without being told', async () => {
    const bytes = iconv.encode(`${[HEADER, ...ROWS].join('\n')}\n`, 'gb18030');
    const result = await read(bytes);
    expect(result.encoding).toBe('gb18030');
    expect(result.counts.accepted).toBe(3);
    expect(result.persons[0]!.name.display).toBe('王小明');
  });

  it('rejects broken rows with file line, field and code, and loses nothing', async () => {
    const text = [
      HEADER,
      ROWS[0],
      'R9,H9,430104001001,芙蓉路1号,张三', // ragged: too few cells
      '',
      ',,,,,,,,', // no values at all
      ROWS[1],
      'R1,H1,430104001001,芙蓉路12号,王小明,,男,1990-03-07,正常', // duplicate record key
      'R7,H7,430104001001,芙蓉路1号,钱七,,男,1990-03-07,正常,多余,字段', // ragged: too many cells
      'R8,H8,430104001001,芙蓉路1号,孙八,,男,1990-03-07,正常,,', // trailing empty cells are harmless
    ].join('\n');
    const result = await read(Buffer.from(text, 'utf8'));
    expect(result.counts.read).toBe(result.counts.accepted + result.counts.rejected);
    expect(result.counts).toEqual({ read: 7, accepted: 3, rejected: 4 });
    expect(result.rejects.map((r) => [r.line, r.code, r.recordKey])).toEqual([
      [3, 'RAGGED_ROW', 'R9'],
      [5, 'EMPTY_ROW', ''],
      [7, 'DUPLICATE_RECORD_KEY', 'R1'],
      [8, 'RAGGED_ROW', 'R7'],
    ]);
    for (const r of result.rejects) expect(r.source).toBe('hj');
  });

  it('keeps line numbers right after a quoted field with a newline', async () => {
    const text = [HEADER, ROWS[2], ROWS[0]].join('\n');
    const result = await read(Buffer.from(text, 'utf8'));
    expect(result.persons.map((p) => p.line)).toEqual([2, 4]);
  });
});

describe('readSourceStream with the input size known', () => {
  it('reads as without it once the rows are estimated, duplicate keys after the estimate included', async () => {
    // enough rows to pass the point where the file's rows are estimated and the tables sized
    const rows = Array.from({ length: 6_000 }, (_, i) => `R${i},H${i >> 2},430104001001,芙蓉路${i >> 2}号,王${i % 50},,男,1990-03-07,正常`);
    rows.push('R5000,H9,430104001001,芙蓉路9号,李四,,女,1991-01-01,正常');
    const bytes = new TextEncoder().encode([HEADER, ...rows].join('\n'));
    const plain = await readSourceStream(register, chunked(bytes, 4096), 'hj.csv');
    const sized = await readSourceStream(register, chunked(bytes, 4096), 'hj.csv', { totalBytes: bytes.length });
    expect(sized.counts).toEqual({ read: 6_001, accepted: 6_000, rejected: 1 });
    expect(sized.rejects.map((r) => [r.line, r.code])).toEqual([[6_002, 'DUPLICATE_RECORD_KEY']]);
    expect(sized.persons).toEqual(plain.persons);
    expect(sized.rejects).toEqual(plain.rejects);
  });
});

describe('readSource on a file that is not there', () => {
  it('rejects with the reason and leaves nothing behind to fail later', async () => {
    // a stream made before the file was found missing would fail its open after the rejection, with
    // nobody listening: an uncaught error (in a worker, one racing the worker's own report of the failure)
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown): void => void uncaught.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      await expect(readSource(register, join(tmpdir(), 'census-recon-no-such-source.csv'))).rejects.toThrow(/ENOENT/);
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    expect(uncaught).toEqual([]);
  });
});
