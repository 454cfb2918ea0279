import levenshtein from 'fast-levenshtein';

/**
 * Levenshtein distance counted in Unicode code points: a rare character outside the basic plane
 * (a 生僻字 written as a surrogate pair) is one edit, not two. fast-levenshtein counts UTF-16 code
 * units, so when either name has such a character, every distinct character of the two is first
 * given a code unit of its own (all of them, so a private-use character already in a name cannot
 * collide with one given out).
 */
export function codePointDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!hasSurrogate(a) && !hasSurrogate(b)) return levenshtein.get(a, b);
  const units = new Map<string, string>();
  const recode = (s: string): string =>
    Array.from(s, (c) => {
      let u = units.get(c);
      if (u === undefined) units.set(c, (u = String.fromCharCode(0xe000 + units.size)));
      return u;
    }).join('');
  return levenshtein.get(recode(a), recode(b));
}

/** True when a and b are at most one code-point edit apart (fast path, no allocation for BMP text). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 2) return false;
  // Astral characters (surrogate pairs) take the general path.
  if (hasSurrogate(a) || hasSurrogate(b)) return codePointDistance(a, b) <= 1;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  // one substitution (skip one char on both sides) or one insertion (skip one on the longer side)
  const skipA = la >= lb ? 1 : 0;
  const skipB = lb >= la ? 1 : 0;
  for (let x = i + skipA, y = i + skipB; x < la; x++, y++) if (a.charCodeAt(x) !== b.charCodeAt(y)) return false;
  return true;
}

function hasSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}
