import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDirs } from '../helpers/temp-dirs.js';
import { FileWriter as SourceFileWriter } from '../../src/lib/file-writer.js';

const tempDir = tempDirs('census-recon-files-');

/*
 * The worker runs compiled JavaScript: the writer and its worker module are transpiled into a folder of
 * their own (they import nothing of the project's at run time), and the writer is loaded from there.
 */
let FileWriter: typeof SourceFileWriter;

beforeAll(async () => {
  const dir = tempDir();
  for (const name of ['file-writer', 'file-writer-worker']) {
    const source = readFileSync(resolve('src/lib', `${name}.ts`), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
      fileName: `${name}.ts`,
    });
    writeFileSync(join(dir, `${name}.js`), outputText);
  }
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
  ({ FileWriter } = (await import(pathToFileURL(join(dir, 'file-writer.js')).href)) as { FileWriter: typeof SourceFileWriter });
});

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('FileWriter', () => {
  it('writes every file with the bytes it was given, on a worker, even when the caller reuses its buffer at once', async () => {
    const dir = tempDir();
    const files = new FileWriter();
    expect(files.onWorker).toBe(true);
    const buffer = new Uint8Array(64);
    const texts = Array.from({ length: 50 }, (_, i) => `序号,地址\n${i},芙蓉路${i}号\n`);
    texts.forEach((text, i) => {
      const encoded = bytes(text);
      buffer.set(encoded);
      files.write(join(dir, `${i}.csv`), buffer.subarray(0, encoded.length));
      buffer.fill(0);
    });
    await files.finish();
    texts.forEach((text, i) => expect(readFileSync(join(dir, `${i}.csv`), 'utf8')).toBe(text));
  });

  it('rejects naming the first file it could not write, and still writes the files after it', async () => {
    const dir = tempDir();
    const files = new FileWriter();
    files.write(join(dir, 'missing', 'a.csv'), bytes('a'));
    files.write(join(dir, 'b.csv'), bytes('b'));
    await expect(files.finish()).rejects.toThrow(/writing a file failed: .*missing.a\.csv/);
    expect(readFileSync(join(dir, 'b.csv'), 'utf8')).toBe('b');
  });

  it('stops its worker when abandoned, so that a failed run does not hang', async () => {
    const files = new FileWriter();
    files.abandon();
    await expect(files.finish()).rejects.toThrow(/stopped/);
  });

  it('writes on this thread when told not to use one, each file before write returns', async () => {
    const dir = tempDir();
    const files = new FileWriter(false);
    expect(files.onWorker).toBe(false);
    files.write(join(dir, 'a.csv'), bytes('a'));
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('a');
    await files.finish();
  });

  it('writes on this thread where there is no compiled worker (the TypeScript sources)', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    const files = new SourceFileWriter();
    expect(files.onWorker).toBe(false);
    files.write(join(dir, 'sub', 'a.csv'), bytes('a'));
    expect(existsSync(join(dir, 'sub', 'a.csv'))).toBe(true);
    await files.finish();
  });
});
