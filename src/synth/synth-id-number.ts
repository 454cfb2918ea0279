/** ID-number helpers for the generator (GB 11643-1999): build, check, and damage numbers. */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/**
 * ISO 7064 MOD 11-2 check character of the first 17 digits. Written here again on purpose: the
 * generator is the truth the normaliser is measured against, so it must not share the normaliser's code.
 */
export function checkChar(body17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) s += (body17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK[s % 11]!;
}

/** True when an 18-character number has the right shape and check character. */
export function idCheckPasses(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  return checkChar(id) === id[17];
}

/** Builds an 18-character number from address code, YYYYMMDD and a 3-digit sequence. */
export function makeIdNumber(code6: string, yyyymmdd: string, seq: number): string {
  const body = code6 + yyyymmdd + String(seq).padStart(3, '0');
  return body + checkChar(body);
}

/** Legacy 15-digit form (drops the century and the check character); only for 19xx births. */
export function toLegacy15(id: string): string | null {
  if (id.slice(6, 8) !== '19') return null;
  return id.slice(0, 6) + id.slice(8, 17);
}

/** The birth date (YYYY-MM-DD) and sex an 18-character number implies. */
export function impliedByIdNumber(id: string): { birth: string; sex: 'M' | 'F' } {
  return {
    birth: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    sex: (id.charCodeAt(16) - 48) % 2 === 1 ? 'M' : 'F',
  };
}

const FULLWIDTH_OFFSET = 0xff10 - 0x30;

/** Fullwidth digits and ｘ, as typed on some Chinese input methods. */
export function toFullwidth(id: string): string {
  let out = '';
  for (const ch of id) {
    const c = ch.charCodeAt(0);
    out += c >= 48 && c <= 57 ? String.fromCharCode(c + FULLWIDTH_OFFSET) : ch === 'X' ? 'ｘ' : ch;
  }
  return out;
}

/** A one-digit substitution somewhere in the number (always fails the check). */
export function typoIdNumber(id: string, r: number, r2: number): string {
  const pos = Math.floor(r * 17);
  const old = id.charCodeAt(pos) - 48;
  const digit = (old + 1 + Math.floor(r2 * 9)) % 10;
  return id.slice(0, pos) + String(digit) + id.slice(pos + 1);
}

/** Swaps two adjacent distinct digits among the first 17 (always fails the check); null when impossible. */
export function transposeIdNumber(id: string, r: number): string | null {
  const start = Math.floor(r * 16);
  for (let k = 0; k < 16; k++) {
    const i = (start + k) % 16;
    if (id[i] !== id[i + 1]) return id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);
  }
  return null;
}

/** How a spreadsheet shows an 18-digit number in General format: `4.30124E+17`. */
export function toScientific(id: string): string {
  return `${id[0]}.${id.slice(1, 6)}E+17`;
}

/** Precision loss: the last three digits turned into 000; null when that happens to pass the check or the number ends in X. */
export function toTrailingZeros(id: string): string | null {
  if (id.endsWith('X')) return null;
  const damaged = id.slice(0, 15) + '000';
  return idCheckPasses(damaged) ? null : damaged;
}
