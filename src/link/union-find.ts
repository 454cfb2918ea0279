/** Union–find over record indices with path halving; `union` keeps the smaller index as root. */
export class UnionFind {
  readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(i: number): number {
    const p = this.parent;
    while (p[i] !== i) {
      p[i] = p[p[i]!]!;
      i = p[i]!;
    }
    return i;
  }
  /** Joins the sets of a and b; returns the new root, or -1 when already joined. */
  union(a: number, b: number): number {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return -1;
    const root = ra < rb ? ra : rb;
    this.parent[ra === root ? rb : ra] = root;
    return root;
  }
}
