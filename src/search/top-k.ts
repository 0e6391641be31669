/**
 * The first `k` of the integers 0 … count-1 under `compare`, in order. A
 * bounded binary heap keeps this O(n log k) without materialising all n, which
 * matters when a broad query matches thousands of talks and a page shows ten.
 */
export function topK(
  count: number,
  k: number,
  compare: (a: number, b: number) => number,
): number[] {
  if (k <= 0 || count <= 0) return [];
  if (count <= k * 4) {
    return Array.from({ length: count }, (_, i) => i)
      .sort(compare)
      .slice(0, k);
  }
  // Max-heap on `compare`: the root is the worst of the best k so far.
  const heap: number[] = [];
  const worse = (i: number, j: number) => compare(heap[i] as number, heap[j] as number) > 0;
  const swap = (i: number, j: number) => {
    const t = heap[i] as number;
    heap[i] = heap[j] as number;
    heap[j] = t;
  };
  for (let item = 0; item < count; item++) {
    if (heap.length < k) {
      heap.push(item);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!worse(i, parent)) break;
        swap(i, parent);
        i = parent;
      }
    } else if (compare(item, heap[0] as number) < 0) {
      heap[0] = item;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let top = i;
        if (l < heap.length && worse(l, top)) top = l;
        if (r < heap.length && worse(r, top)) top = r;
        if (top === i) break;
        swap(i, top);
        i = top;
      }
    }
  }
  return heap.sort(compare);
}
