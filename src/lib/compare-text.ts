/** Orders strings by UTF-16 code units, as `<` does (and as the sorted output files promise), not by locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
