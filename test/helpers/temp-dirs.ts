import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * Makes fresh folders under the system's temporary folder (named `prefix` and a random suffix) and
 * removes them all once the calling test file's tests are done. Call it at the top of a test file.
 * A test run used to leave every folder it made behind, ~9 MB each for the generated county's runs.
 */
export function tempDirs(prefix: string): () => string {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}
