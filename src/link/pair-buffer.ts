/** Growable typed arrays of candidate pairs (record indices and comparison pattern); no per-pair objects. */
export class PairBuffer {
  l = new Int32Array(1024);
  r = new Int32Array(1024);
  pattern = new Uint16Array(1024);
  rule = new Uint8Array(1024);
  length = 0;

  push(l: number, r: number, pattern: number, rule: number): void {
    if (this.length === this.l.length) this.grow();
    const k = this.length++;
    this.l[k] = l;
    this.r[k] = r;
    this.pattern[k] = pattern;
    this.rule[k] = rule;
  }

  private grow(): void {
    const cap = this.l.length * 2;
    const l = new Int32Array(cap);
    l.set(this.l);
    this.l = l;
    const r = new Int32Array(cap);
    r.set(this.r);
    this.r = r;
    const p = new Uint16Array(cap);
    p.set(this.pattern);
    this.pattern = p;
    const u = new Uint8Array(cap);
    u.set(this.rule);
    this.rule = u;
  }
}
