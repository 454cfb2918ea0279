import { describe, expect, it } from 'vitest';
import { buildGeography } from '../../src/synth/synth-geography.js';
import { createPrng } from '../../src/synth/prng.js';

/** Every place name of a geography: towns, villages, roads, and the neighbouring county's. */
function placeNames(geo: ReturnType<typeof buildGeography>): string[] {
  const villages = [...geo.villages, ...geo.neighbour.villages];
  return [
    ...geo.towns.map((t) => t.name),
    ...geo.neighbour.towns.map((t) => t.name),
    ...villages.map((v) => v.name),
    ...villages.filter((v) => v.road !== '').map((v) => v.road),
  ];
}

/** The name without its suffix (镇, 乡, 街道, 村, 社区, 路, 街, 大道). */
const base = (name: string) => name.replace(/(街道|社区|大道|[镇乡村路街])$/u, '');

describe('the synthetic county geography', () => {
  it('names a county of two million persons with two-character names, each drawn once', () => {
    const names = placeNames(buildGeography(createPrng(2020), 2_000_000, '430181'));
    expect(names.length).toBeGreaterThan(3000);
    expect(new Set(names.map(base)).size).toBe(names.length);
    expect(names.every((n) => [...base(n)].length === 2)).toBe(true);
  });

  // It used to draw two-character names forever once all ~4,400 were taken: `synth --persons 5000000`
  // never finished.
  it('gives names a third character once two run out, for a county of five million persons', () => {
    const names = placeNames(buildGeography(createPrng(2020), 5_000_000, '430181'));
    expect(names.length).toBeGreaterThan(8000);
    expect(new Set(names.map(base)).size).toBe(names.length);
    const lengths = new Set(names.map((n) => [...base(n)].length));
    expect([...lengths].sort()).toEqual([2, 3]);
  });

  it('is the same for the same seed', () => {
    const a = buildGeography(createPrng(7), 5_000_000, '430181');
    const b = buildGeography(createPrng(7), 5_000_000, '430181');
    expect(placeNames(a)).toEqual(placeNames(b));
  });
});
