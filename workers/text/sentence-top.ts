/**
 * The `n` most positive (or most negative) sentences of a range, kept while
 * the sentences go by: a list ordered by score, ties in text order, cut at
 * `n`, in typed arrays. It equals a stable sort of all sentences by score and
 * a slice, with no object per sentence and no sort of them all.
 */
export class SentenceTop {
  private length = 0;
  /** Score times the sign: higher is better. */
  private readonly keys: Int32Array;
  private readonly indexes: Int32Array;
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;

  constructor(private readonly n: number, private readonly sign: 1 | -1) {
    this.keys = new Int32Array(n);
    this.indexes = new Int32Array(n);
    this.starts = new Float64Array(n);
    this.ends = new Float64Array(n);
  }

  /** Offers sentence `index` (offered in text order) with its bytes [start, end). */
  offer(score: number, index: number, start: number, end: number): void {
    const key = score * this.sign;
    if (key <= 0) return;
    const keys = this.keys;
    const full = this.length === this.n;
    if (full && (this.n === 0 || keys[this.n - 1]! >= key)) return;
    // After every kept sentence scoring at least as well: an earlier sentence wins a tie.
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid]! >= key) lo = mid + 1;
      else hi = mid;
    }
    const last = full ? this.n - 1 : this.length++;
    keys.copyWithin(lo + 1, lo, last);
    this.indexes.copyWithin(lo + 1, lo, last);
    this.starts.copyWithin(lo + 1, lo, last);
    this.ends.copyWithin(lo + 1, lo, last);
    keys[lo] = key;
    this.indexes[lo] = index;
    this.starts[lo] = start;
    this.ends[lo] = end;
  }

  /** The kept sentences, best first. */
  *entries(): Generator<{ index: number; score: number; start: number; end: number }> {
    for (let k = 0; k < this.length; k++) {
      yield { index: this.indexes[k]!, score: this.keys[k]! * this.sign, start: this.starts[k]!, end: this.ends[k]! };
    }
  }
}
