import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/*
 * The bench's arguments are checked before anything is generated or run: a typo must not start
 * minutes of work, and --help must not either. The script is run unbuilt (it imports the build only
 * once its arguments are good), with its county cache in an empty folder that must stay empty.
 */
const cache = mkdtempSync(join(tmpdir(), 'census-recon-bench-args-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

const bench = (...args: string[]) =>
  spawnSync(process.execPath, [resolve('scripts/bench.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, CENSUS_RECON_BENCH_CACHE: cache },
    timeout: 30_000,
  });

describe('npm run bench arguments', () => {
  it('prints its usage for --help and runs nothing', () => {
    const r = bench('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: npm run bench/);
    expect(r.stdout).toContain('--repeat R');
    expect(readdirSync(cache)).toEqual([]);
  });

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--repeat', 'two'], /--repeat wants a whole number of at least 1, not "two"/],
    [['--repeat', '0'], /--repeat wants a whole number/],
    [['--sizes', '100000,lots'], /--sizes wants a whole number of at least 1000, not "lots"/],
    [['--threads', '-1'], /--threads/],
    [['100000'], /positional/],
  ])('stops at once with status 2 for %j', (args, message) => {
    const r = bench(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('Usage: npm run bench');
    expect(r.stdout).toBe('');
    expect(readdirSync(cache)).toEqual([]);
  });
});
