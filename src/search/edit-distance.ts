/**
 * Edits (insert, delete, substitute, swap two neighbours) between two words,
 * or `max + 1` as soon as it is certain to exceed `max`. Swaps count once, so
 * "kafak" is one edit from "kafka", as a person would see it.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  if (rows[0].length < n + 1) {
    const size = Math.max(n + 1, rows[0].length * 2);
    rows = [new Int32Array(size), new Int32Array(size), new Int32Array(size)];
  }
  // Three rolling rows, reused from call to call: typo lookups call this thousands of times.
  let [prevPrev, prev, row] = rows;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let best = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let d = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        d = Math.min(d, (prevPrev[j - 2] as number) + 1);
      }
      row[j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    [prevPrev, prev, row] = [prev, row, prevPrev];
  }
  const result = prev[n] as number;
  return result > max ? max + 1 : result;
}

let rows: [Int32Array, Int32Array, Int32Array] = [
  new Int32Array(32),
  new Int32Array(32),
  new Int32Array(32),
];

/**
 * The letters of a word as bits (a–z, digits folded onto the rest), for a quick
 * necessary test: each edit adds at most one new letter and drops at most one,
 * so two words `max` edits apart differ by at most `max` letters each way.
 */
export function letterMask(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) mask |= 1 << (word.charCodeAt(i) % 32);
  return mask;
}

export function mayBeWithin(maskA: number, maskB: number, max: number): boolean {
  return bitCount(maskA & ~maskB) <= max && bitCount(maskB & ~maskA) <= max;
}

function bitCount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** How many edits a query word of this length may carry and still be recognised. */
export function allowedEdits(length: number): number {
  if (length <= 3) return 0;
  if (length <= 7) return 1;
  return 2;
}
