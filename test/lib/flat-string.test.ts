import { describe, expect, it } from 'vitest';
import { detach } from '../../src/lib/flat-string.js';

describe('detach', () => {
  it('returns a string equal to the one given, at every length and in any script', () => {
    const chunk = `430124199003071234,湖南省长沙市长沙县星沙街道开元路18号3栋2单元401室,𠮷𠮷野家,${'长'.repeat(300)},A\uD800B`;
    const cells = [
      chunk.slice(0, 12), // below 13 characters: V8 copies anyway
      chunk.slice(0, 13),
      chunk.slice(0, 18),
      chunk.slice(19, 50),
      chunk.slice(50, 70), // surrogate pairs kept whole
      chunk.slice(55, 320), // longer than the code-unit copy takes
      chunk.slice(-20), // a lone surrogate survives as it is
    ];
    for (const cell of cells) expect(detach(cell)).toBe(cell);
  });

  it('copies a short string after a long one without the long string\'s leftovers', () => {
    const long = 'abcdefghijklmnopqrstuvwxyz0123456789';
    const short = 'ABCDEFGHIJKLMN';
    expect(detach(long)).toBe(long);
    expect(detach(short)).toBe(short);
    expect(detach(short).length).toBe(14);
  });
});
