/** A copy of a full typed array in one twice as long (the rest zero): growth of an Int32Array used as a list. */
export function doubled(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const out = new Int32Array(a.length * 2);
  out.set(a);
  return out;
}
