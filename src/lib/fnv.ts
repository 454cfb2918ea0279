/** FNV-1a state before any character. */
export const FNV_START = 0x811c9dc5;

/** Adds the characters s[from..to) (UTF-16 code units) to an FNV-1a state. */
export function fnvChars(h: number, s: string, from = 0, to = s.length): number {
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** Adds one character code to an FNV-1a state. */
export function fnvCode(h: number, code: number): number {
  return Math.imul(h ^ code, 0x01000193);
}
