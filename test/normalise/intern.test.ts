import { describe, expect, it } from 'vitest';
import { lastCell } from '../../src/normalise/intern.js';

describe('lastCell', () => {
  it('returns what the function returns, calling it again only when the cell differs from the last one', () => {
    const calls: string[] = [];
    const upper = lastCell((raw: string) => {
      calls.push(raw);
      return { value: raw.toUpperCase() };
    });
    const a1 = upper('a');
    const a2 = upper('a');
    expect(a1).toEqual({ value: 'A' });
    // the same result object, not a recomputation
    expect(a2).toBe(a1);
    expect(upper('b')).toEqual({ value: 'B' });
    expect(upper('a')).toEqual({ value: 'A' });
    expect(upper('')).toEqual({ value: '' });
    expect(upper('')).toEqual({ value: '' });
    expect(calls).toEqual(['a', 'b', 'a', '']);
  });

  it('remembers a null result like any other', () => {
    let calls = 0;
    const parse = lastCell((raw: string) => {
      calls++;
      return /^\d+$/.test(raw) ? raw : null;
    });
    expect(parse('x1')).toBeNull();
    expect(parse('x1')).toBeNull();
    expect(parse('12')).toBe('12');
    expect(calls).toBe(2);
  });
});
