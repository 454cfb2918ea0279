/*
 * String.prototype.normalize goes through ICU (~0.3 µs a call) although almost every cell is
 * printable ASCII and CJK unified ideographs, which NFKC leaves alone and which compose with
 * nothing. Those cells skip the call.
 */

/** True when NFKC cannot change `s`: printable ASCII and CJK unified ideographs (BMP) only. */
export function isNfkcStable(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e) continue;
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) continue;
    return false;
  }
  return true;
}

/** NFKC, then trimmed: what a text cell means. Returns `raw` itself when nothing changes. */
export function normaliseText(raw: string): string {
  const n = raw.length;
  if (n === 0) return raw;
  if (raw.charCodeAt(0) !== 0x20 && raw.charCodeAt(n - 1) !== 0x20 && isNfkcStable(raw)) return raw;
  return raw.normalize('NFKC').trim();
}
