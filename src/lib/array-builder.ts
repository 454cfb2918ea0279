/** Items per chunk: 4096 slots, 32 KiB, an ordinary heap object. */
const CHUNK_BITS = 12;
const CHUNK = 1 << CHUNK_BITS;

/**
 * A list that grows by chunks and is copied once, into an array of its exact length, at the end.
 * An array grown by `push` is copied into fresh memory at every growth (by half again), and on this
 * project's VM every fresh 4 KiB page costs 12–16 µs: 2 M strings took 214 ms and 17,100 page faults
 * pushed into one array, 101–115 ms and 7,600 through this, 50 ms and 3,900 into an array allocated at
 * its length (`npm run bench:costs`). For lists of unknown length that reach hundreds of thousands.
 */
export class ArrayBuilder<T> {
  private readonly chunks: T[][] = [];
  private last: T[] = [];
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(item: T): void {
    const at = this.count & (CHUNK - 1);
    if (at === 0) this.chunks.push((this.last = new Array<T>(CHUNK)));
    this.last[at] = item;
    this.count++;
  }

  /** The items in order, as one array of their exact length. */
  toArray(): T[] {
    const out = new Array<T>(this.count);
    let k = 0;
    for (const chunk of this.chunks) {
      const n = Math.min(CHUNK, this.count - k);
      for (let i = 0; i < n; i++) out[k++] = chunk[i]!;
    }
    return out;
  }
}
