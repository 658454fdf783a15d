/**
 * Indices of the k largest scores among the eligible ones (`eligible[i]` non-zero), best first, in
 * O(n log k) with a min-heap over a typed array, plus how many were eligible. Ties go to the lower
 * index, so results are stable. A mask rather than a predicate, and one comparison that rejects
 * the many scores below the heap's worst, keep the loop over 100k products free of calls.
 */
export function topK(scores: Float32Array, k: number, eligible: Uint8Array): { indices: number[]; eligible: number } {
  const heap = new Int32Array(Math.max(0, Math.min(k, scores.length)));
  let size = 0;
  // "a is worse than b": lower score, or equal score and higher index.
  const worse = (a: number, b: number) => scores[a] < scores[b] || (scores[a] === scores[b] && a > b);
  let count = 0;
  for (let i = 0; i < scores.length; i++) {
    if (!eligible[i]) continue;
    count++;
    if (size < heap.length) {
      let c = size++;
      heap[c] = i;
      while (c > 0) {
        const parent = (c - 1) >> 1;
        if (!worse(heap[c], heap[parent])) break;
        [heap[c], heap[parent]] = [heap[parent], heap[c]];
        c = parent;
      }
    } else if (size > 0 && scores[i] >= scores[heap[0]] && worse(heap[0], i)) {
      heap[0] = i;
      for (let c = 0; ; ) {
        const l = 2 * c + 1;
        const r = l + 1;
        let m = c;
        if (l < size && worse(heap[l], heap[m])) m = l;
        if (r < size && worse(heap[r], heap[m])) m = r;
        if (m === c) break;
        [heap[c], heap[m]] = [heap[m], heap[c]];
        c = m;
      }
    }
  }
  return { indices: [...heap.subarray(0, size)].sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0)), eligible: count };
}
