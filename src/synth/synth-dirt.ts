import * as OpenCC from 'opencc-js';
import type { Prng } from './prng.js';

/** Base dirt rates per record at --error-rate-scale 1 (domain.md's list of dirt). */
export const BASE_DIRT_RATES = {
  nameTypo: 0.012,
  traditional: 0.006,
  dotVariant: 0.4,
  nameSpace: 0.003,
  rarePlaceholder: 0.5,
  idTypo: 0.004,
  idTranspose: 0.002,
  idFullwidth: 0.004,
  idTimesSign: 0.002,
  idZeros: 0.001,
  idDamaged: 0.002,
  idDamagedSpreadsheet: 0.012,
  dateTypo: 0.004,
  dateSwap: 0.003,
  sexFlip: 0.002,
  broken: 0.0004,
} as const;
export type DirtRates = { -readonly [K in keyof typeof BASE_DIRT_RATES]: number };

/** Scales every rate, capped at 1. */
export function scaleDirtRates(scale: number): DirtRates {
  const out = {} as DirtRates;
  for (const [k, v] of Object.entries(BASE_DIRT_RATES)) out[k as keyof DirtRates] = Math.min(1, v * scale);
  return out;
}

export type DateFormat = 'iso' | 'dash' | 'slash' | 'slashShort' | 'compact' | 'cn';

/** Writes a date in one of the forms seen in exports. */
export function formatDate(y: number, m: number, d: number, fmt: DateFormat): string {
  const mm = m < 10 ? `0${m}` : String(m);
  const dd = d < 10 ? `0${d}` : String(d);
  switch (fmt) {
    case 'iso':
      return `${y}-${mm}-${dd}`;
    case 'dash':
      return `${y}-${m}-${d}`;
    case 'slash':
      return `${y}/${mm}/${dd}`;
    case 'slashShort':
      return `${y}/${m}/${d}`;
    case 'compact':
      return `${y}${mm}${dd}`;
    case 'cn':
      return `${y}年${m}月${d}日`;
  }
}

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

const MS_PER_DAY = 86_400_000;
export const dayNumber = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / MS_PER_DAY;
export function fromDayNumber(n: number): Ymd {
  const dt = new Date(n * MS_PER_DAY);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}
export const isoDate = (t: Ymd): string => formatDate(t.y, t.m, t.d, 'iso');
export const ymdNumber = (t: Ymd): number => t.y * 10000 + t.m * 100 + t.d;

function validYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 2021) return false;
  const back = fromDayNumber(dayNumber(y, m, d));
  return back.y === y && back.m === m && back.d === d;
}

/** A one-digit typo in YYYYMMDD that still gives a valid date on the same side of `pivot` (yyyymmdd); null when none found. */
export function dateTypo(t: Ymd, rng: Prng, pivot: number): Ymd | null {
  const s = String(ymdNumber(t));
  for (let attempt = 0; attempt < 8; attempt++) {
    const pos = 2 + rng.int(6);
    const digit = String((Number(s[pos]) + 1 + rng.int(9)) % 10);
    const n = Number(s.slice(0, pos) + digit + s.slice(pos + 1));
    const y = Math.floor(n / 10000);
    const m = Math.floor(n / 100) % 100;
    const d = n % 100;
    if (validYmd(y, m, d) && n < pivot === ymdNumber(t) < pivot) return { y, m, d };
  }
  return null;
}

/** Day and month swapped (only when that is a different valid date on the same side of `pivot`). */
export function dateSwap(t: Ymd, pivot: number): Ymd | null {
  if (t.d > 12 || t.d === t.m) return null;
  const out = { y: t.y, m: t.d, d: t.m };
  return ymdNumber(out) < pivot === ymdNumber(t) < pivot ? out : null;
}

let converters: { toTraditional: (s: string) => string; toSimplified: (s: string) => string } | null = null;
const tradCache = new Map<string, string>();

/** Traditional spelling of a name when converting back gives the same name (so normalisation recovers it), else the name. */
export function traditionalName(name: string): string {
  const hit = tradCache.get(name);
  if (hit !== undefined) return hit;
  converters ??= {
    toTraditional: OpenCC.Converter({ from: 'cn', to: 'tw' }),
    toSimplified: OpenCC.Converter({ from: 't', to: 'cn' }),
  };
  const t = converters.toTraditional(name);
  const out = t !== name && converters.toSimplified(t) === name ? t : name;
  tradCache.set(name, out);
  return out;
}
