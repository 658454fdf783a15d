/**
 * Indices of the k largest scores among the eligible ones, best first, in O(n log k) with a
 * min-heap, plus how many were eligible. Ties go to the lower index, so results are stable.
 */
export function topK(scores: Float32Array, k: number, eligible: (i: number) => boolean): { indices: number[]; eligible: number } {
  const heap: number[] = [];
  // "a is worse than b": lower score, or equal score and higher index.
  const worse = (a: number, b: number) => scores[a] < scores[b] || (scores[a] === scores[b] && a > b);
  const swap = (i: number, j: number) => ([heap[i], heap[j]] = [heap[j], heap[i]]);
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l], heap[m])) m = l;
      if (r < heap.length && worse(heap[r], heap[m])) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  let count = 0;
  for (let i = 0; i < scores.length; i++) {
    if (!eligible(i)) continue;
    count++;
    if (k <= 0) continue;
    if (heap.length < k) {
      heap.push(i);
      for (let c = heap.length - 1; c > 0; ) {
        const p = (c - 1) >> 1;
        if (!worse(heap[c], heap[p])) break;
        swap(c, p);
        c = p;
      }
    } else if (worse(heap[0], i)) {
      heap[0] = i;
      down(0);
    }
  }
  return { indices: heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0)), eligible: count };
}
