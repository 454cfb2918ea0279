import { describe, expect, it } from 'vitest';
import { heapLimitOption, RUN_GLIBC_TUNABLE, RUN_NODE_OPTIONS, relaunchEnvironment, relaunchOptions, runDeathHint } from '../../src/pipeline/heap-flags.js';

const GIB = 2 ** 30;
/** A 24 GiB machine, as the project's: 70% of it is 17,203 MiB. */
const MACHINE = 24 * GIB;
const HEAP = '--max-old-space-size=17203';

describe('relaunchOptions', () => {
  it('starts `run` again with the tuned options and a heap limit, after the options this process was given', () => {
    expect(relaunchOptions(['--enable-source-maps'], ['run', 'p.json'], MACHINE, '')).toEqual(['--enable-source-maps', ...RUN_NODE_OPTIONS, HEAP]);
  });

  it('starts `eval` again with the heap limit only (the scores of a five-million-person county outgrew V8\'s default)', () => {
    expect(relaunchOptions([], ['eval', 'run', 'truth'], MACHINE, '')).toEqual([HEAP]);
    expect(relaunchOptions([HEAP], ['eval', 'run', 'truth'], MACHINE, '')).toBeNull();
    expect(relaunchOptions([], ['eval'], MACHINE, '--max-old-space-size=3000')).toBeNull();
  });

  it('leaves the other commands in this process', () => {
    for (const command of ['validate', 'explain', 'synth', '--help']) expect(relaunchOptions([], [command, 'x'], MACHINE, '')).toBeNull();
    expect(relaunchOptions([], [], MACHINE, '')).toBeNull();
  });

  it('does not start again once the options are there (the child itself)', () => {
    expect(relaunchOptions([...RUN_NODE_OPTIONS, HEAP], ['run', 'p.json'], MACHINE, '')).toBeNull();
  });

  it("keeps the user's own value of an option, in either spelling, and adds only the missing ones", () => {
    expect(relaunchOptions(['--max-semi-space-size=16', HEAP], ['run'], MACHINE, '')).toEqual(['--max-semi-space-size=16', HEAP, '--min-semi-space-size=64']);
    expect(relaunchOptions(['--max_semi_space_size=16', '--min-semi-space-size=8', '--max_old_space_size=900'], ['run'], MACHINE, '')).toBeNull();
  });

  it("keeps the user's heap limit given in NODE_OPTIONS", () => {
    expect(relaunchOptions([], ['run'], MACHINE, ' --max-old-space-size=3000  --trace-warnings ')).toEqual([...RUN_NODE_OPTIONS]);
    expect(relaunchOptions([...RUN_NODE_OPTIONS], ['run'], MACHINE, '--max-old-space-size=3000')).toBeNull();
  });
});

describe('relaunchEnvironment', () => {
  it("adds malloc's huge-page tunable for `run` on Linux, keeping the rest of the environment", () => {
    expect(relaunchEnvironment(['run', 'p.json'], { PATH: '/bin' }, 'linux')).toEqual({ PATH: '/bin', GLIBC_TUNABLES: RUN_GLIBC_TUNABLE });
    expect(RUN_GLIBC_TUNABLE).toBe('glibc.malloc.hugetlb=1');
  });

  it("appends to the user's own tunables", () => {
    expect(relaunchEnvironment(['run'], { GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' }, 'linux')!.GLIBC_TUNABLES).toBe(
      'glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1',
    );
  });

  it('needs no new environment once the tunable is set, whatever its value (the child itself, or a user who turned it off)', () => {
    expect(relaunchEnvironment(['run'], { GLIBC_TUNABLES: RUN_GLIBC_TUNABLE }, 'linux')).toBeNull();
    expect(relaunchEnvironment(['run'], { GLIBC_TUNABLES: 'glibc.malloc.arena_max=2:glibc.malloc.hugetlb=0' }, 'linux')).toBeNull();
  });

  it('leaves other commands and other systems alone', () => {
    expect(relaunchEnvironment(['validate', 'p.json'], {}, 'linux')).toBeNull();
    expect(relaunchEnvironment(['run', 'p.json'], {}, 'darwin')).toBeNull();
  });
});

describe('heapLimitOption', () => {
  it('gives a run 70% of the machine', () => {
    expect(heapLimitOption(MACHINE)).toBe(HEAP);
    expect(heapLimitOption(64 * GIB)).toBe('--max-old-space-size=45875');
  });

  it("never gives less than V8's own default of 4 GiB", () => {
    expect(heapLimitOption(2 * GIB)).toBe('--max-old-space-size=4096');
    expect(heapLimitOption(5 * GIB)).toBe('--max-old-space-size=4096');
  });
});

describe('runDeathHint', () => {
  it('explains a run stopped at its heap limit, naming the limit and how to raise it', () => {
    const hint = runDeathHint('SIGABRT', [...RUN_NODE_OPTIONS, HEAP], '')!;
    expect(hint).toContain('its heap reached its limit of 17203 MiB');
    expect(hint).toContain('NODE_OPTIONS=--max-old-space-size=');
  });

  it('names the limit that held: the command line over NODE_OPTIONS, the last of two', () => {
    expect(runDeathHint('SIGABRT', ['--max-old-space-size=100', '--max_old_space_size=200'], '--max-old-space-size=300')).toContain('limit of 200 MiB');
    expect(runDeathHint('SIGABRT', [], '--max-old-space-size=300')).toContain('limit of 300 MiB');
    expect(runDeathHint('SIGABRT', [], '')).toContain('heap reached its limit (');
  });

  it('names the command that died: a run, or the scoring of one', () => {
    expect(runDeathHint('SIGABRT', [HEAP], '')).toMatch(/^census-recon run: the run was aborted/);
    const hint = runDeathHint('SIGABRT', [HEAP], '', 'eval')!;
    expect(hint).toMatch(/^census-recon eval: scoring was aborted/);
    expect(hint).toContain("the run's and the truth's persons.csv");
    expect(runDeathHint('SIGKILL', [HEAP], '', 'eval')).toMatch(/^census-recon eval: scoring was killed by the system/);
  });

  it("explains the system's out-of-memory kill, and says nothing of other signals", () => {
    expect(runDeathHint('SIGKILL', [HEAP], '')).toContain('killed by the system');
    expect(runDeathHint('SIGTERM', [HEAP], '')).toBeNull();
    expect(runDeathHint('SIGINT', [HEAP], '')).toBeNull();
  });
});
