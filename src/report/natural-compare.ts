const CN_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const CN_NUMERALS = new Set([...Object.keys(CN_DIGITS), ...Object.keys(CN_UNITS)]);

function isCnNumeral(ch: string): boolean {
  return CN_NUMERALS.has(ch);
}

/** Value of a run of Chinese numerals: 十二 → 12, 二十 → 20, 一〇三 → 103, 一百零五 → 105. */
function cnValue(run: string): number {
  let hasUnit = false;
  for (const ch of run) if (ch in CN_UNITS) hasUnit = true;
  if (!hasUnit) {
    let v = 0;
    for (const ch of run) v = v * 10 + CN_DIGITS[ch]!;
    return v;
  }
  let total = 0;
  let digit = -1;
  for (const ch of run) {
    const unit = CN_UNITS[ch];
    if (unit !== undefined) {
      total += (digit < 0 ? 1 : digit) * unit;
      digit = -1;
    } else digit = CN_DIGITS[ch]!;
  }
  return total + (digit < 0 ? 0 : digit);
}

type Token = string | number;

/** Splits an address into text and number tokens (Arabic, fullwidth and Chinese numerals). */
export function addressTokens(address: string): Token[] {
  const s = address.normalize('NFKC');
  const tokens: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    let j = i;
    if (isAsciiDigit(c)) {
      while (j < s.length && isAsciiDigit(s.charCodeAt(j))) j++;
      tokens.push(Number(s.slice(i, j)));
    } else if (isCnNumeral(s[i]!)) {
      while (j < s.length && isCnNumeral(s[j]!)) j++;
      tokens.push(cnValue(s.slice(i, j)));
    } else {
      while (j < s.length && !isAsciiDigit(s.charCodeAt(j)) && !isCnNumeral(s[j]!)) j++;
      tokens.push(s.slice(i, j));
    }
    i = j;
  }
  return tokens;
}

function compareTokens(a: Token[], b: Token[]): number {
  const n = Math.min(a.length, b.length);
  for (let k = 0; k < n; k++) {
    const x = a[k]!;
    const y = b[k]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    // numbers sort before text at the same position
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** Natural order of addresses: numbers compared numerically (2号 < 10号 < 十一号), text by code point; ties broken by the raw string. */
export function naturalCompare(a: string, b: string): number {
  if (a === b) return 0;
  const c = compareTokens(addressTokens(a), addressTokens(b));
  if (c !== 0) return c;
  return a < b ? -1 : 1;
}

/** Sorts items by address in natural order, tokenising each address once. */
export function sortByAddress<T>(items: readonly T[], address: (item: T) => string, tieBreak: (a: T, b: T) => number): T[] {
  // addresses repeat (several findings at one dwelling): tokenise each distinct one once
  const tokensOf = new Map<string, Token[]>();
  const keyed = items.map((item) => {
    const raw = address(item);
    let tokens = tokensOf.get(raw);
    if (tokens === undefined) tokensOf.set(raw, (tokens = addressTokens(raw)));
    return { item, raw, tokens };
  });
  keyed.sort((x, y) => {
    const c = x.raw === y.raw ? 0 : compareTokens(x.tokens, y.tokens) || (x.raw < y.raw ? -1 : 1);
    return c !== 0 ? c : tieBreak(x.item, y.item);
  });
  return keyed.map((k) => k.item);
}
