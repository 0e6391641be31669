/**
 * Matching talks as parallel arrays, one set per index reused by every search
 * (searches are synchronous). At 10,000 talks a broad query matches thousands;
 * an object per match was most of the garbage, and garbage collection most of
 * the tail latency. Objects are made only for the page shown.
 */
export class ResultSet {
  readonly doc: Int32Array;
  readonly score: Float64Array;
  /** Bit i set when FIELD_ORDER[i] (see match-fields.ts) matched. */
  readonly matched: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.doc = new Int32Array(capacity);
    this.score = new Float64Array(capacity);
    this.matched = new Int32Array(capacity);
  }

  clear(): this {
    this.size = 0;
    return this;
  }

  add(doc: number, score: number, matched: number): void {
    const i = this.size++;
    this.doc[i] = doc;
    this.score[i] = score;
    this.matched[i] = matched;
  }

  /** Keeps the entries `keep` accepts (by position), in order. */
  retain(keep: (position: number) => boolean): void {
    let w = 0;
    for (let r = 0; r < this.size; r++) {
      if (!keep(r)) continue;
      if (w !== r) {
        this.doc[w] = this.doc[r] as number;
        this.score[w] = this.score[r] as number;
        this.matched[w] = this.matched[r] as number;
      }
      w++;
    }
    this.size = w;
  }
}
