import { describe, expect, it } from 'vitest';
import { RUN_NODE_OPTIONS, relaunchOptions } from '../../src/pipeline/heap-flags.js';

describe('relaunchOptions', () => {
  it('starts `run` again with the tuned options, after the options this process was given', () => {
    expect(relaunchOptions(['--enable-source-maps'], ['run', 'p.json'])).toEqual(['--enable-source-maps', ...RUN_NODE_OPTIONS]);
  });

  it('leaves the other commands in this process', () => {
    for (const command of ['validate', 'explain', 'synth', 'eval', '--help']) expect(relaunchOptions([], [command, 'x'])).toBeNull();
    expect(relaunchOptions([], [])).toBeNull();
  });

  it('does not start again once the options are there (the child itself)', () => {
    expect(relaunchOptions([...RUN_NODE_OPTIONS], ['run', 'p.json'])).toBeNull();
  });

  it("keeps the user's own value of an option, in either spelling, and adds only the missing ones", () => {
    expect(relaunchOptions(['--max-semi-space-size=16'], ['run'])).toEqual(['--max-semi-space-size=16', '--min-semi-space-size=64']);
    expect(relaunchOptions(['--max_semi_space_size=16', '--min-semi-space-size=8'], ['run'])).toBeNull();
  });
});
