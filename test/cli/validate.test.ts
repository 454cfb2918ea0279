import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../helpers/temp-dirs.js';
import type { Io } from '../../src/cli/command.js';
import { run } from '../../src/cli/main.js';

function capture(): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    isTty: false,
    out(t: string) {
      io.stdout += t;
    },
    err(t: string) {
      io.stderr += t;
    },
  };
  return io;
}

const tempDir = tempDirs('census-recon-cli-');

function workspace(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const enumeration = {
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
};
const register = {
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
};
const files = {
  'pc.csv': '编号,小区,户,住址,姓名,性别,出生日期,居住状态\n',
  'hj.csv': '编号,户号,区划代码,住址,姓名,公民身份号码,性别,出生日期,状态\n',
};

describe('census-recon validate', () => {
  it('names the source, field and the headers that are there when a header is missing (exit 2)', async () => {
    const dir = workspace({ ...files, 'p.json': JSON.stringify({ scope: { area_prefix: '430104' }, sources: [enumeration, register] }) });
    const io = capture();
    expect(await run(['validate', join(dir, 'p.json')], io)).toBe(2);
    expect(io.stderr).toContain('sources[1].columns.id_number: header "身份证号" not found in hj.csv; headers are');
    expect(io.stderr).toContain('"公民身份号码"');
  });

  it('names the exact path of a schema problem (exit 2)', async () => {
    const bad = { scope: { area_prefix: '43O104' }, sources: [enumeration, { ...register, kind: 'police' }] };
    const dir = workspace({ ...files, 'p.json': JSON.stringify(bad) });
    const io = capture();
    expect(await run(['validate', join(dir, 'p.json')], io)).toBe(2);
    expect(io.stderr).toContain('scope.area_prefix:');
    expect(io.stderr).toContain('sources[1].kind:');
  });

  it('reports a file that is not JSON, and a missing input, with exit 2', async () => {
    const dir = workspace({ 'p.json': '{ "scope": ', 'q.yaml': `scope: { area_prefix: "430104" }\nsources:\n  - ${JSON.stringify(enumeration)}\n  - ${JSON.stringify({ ...register, path: 'missing.csv' })}\n` });
    const io = capture();
    expect(await run(['validate', join(dir, 'p.json')], io)).toBe(2);
    expect(io.stderr).toContain('not valid JSON');
    const io2 = capture();
    expect(await run(['validate', join(dir, 'q.yaml')], io2)).toBe(2);
    expect(io2.stderr).toContain('sources[1].path: input file not found');
  });

  it('accepts a valid pipeline and says what it would read', async () => {
    const fixed = { ...register, columns: { ...register.columns, id_number: '公民身份号码' } };
    const dir = workspace({ ...files, 'p.json': JSON.stringify({ scope: { area_prefix: '430104' }, sources: [enumeration, fixed] }) });
    const io = capture();
    expect(await run(['validate', join(dir, 'p.json')], io)).toBe(0);
    expect(io.stdout).toMatch(/hj\s+register/);
  });

  it('rejects unknown options and commands with exit 2', async () => {
    const io = capture();
    expect(await run(['run', 'x.json', '--bogus'], io)).toBe(2);
    expect(io.stderr).toContain('unknown option --bogus');
    expect(await run(['frobnicate'], capture())).toBe(2);
  });

  it('prints help for every command', async () => {
    for (const name of ['run', 'validate', 'explain', 'synth', 'eval']) {
      const io = capture();
      expect(await run([name, '--help'], io)).toBe(0);
      expect(io.stdout).toContain(`census-recon ${name}`);
    }
  });
});
