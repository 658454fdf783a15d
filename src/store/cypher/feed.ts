import type { Share } from '../../domain/share';
import type { FeedEntry, FeedRepository, ReviewRepository } from '../contract';
import type { Get } from './entity-cache';
import type { KeyList, KeyLists } from './key-lists';
import type { Row } from './runner';

/**
 * A user's feed: reviews and follower-wide shares by the people they follow, and shares sent to
 * them directly, merged from those people's key lists (key-lists.ts: the same lists profiles
 * page, kept by the store's cache where the engine has one). Every entry is one the user may see
 * (visibility.ts): they follow each sharer of a follower-wide share, and receive each direct one.
 * Only the page's entities are loaded, shares by id without asking the engine to check visibility
 * again (`shareEntities`: that check cost 10-90 ms per page on the demo).
 *
 * On Ciao, where a well-connected user's followees wrote 36,000 reviews, asking the engine for
 * the newest keys and the counts cost 6 queries and 40-75 ms per page (the share queries'
 * visibility subqueries alone 20-60 ms, for no shares).
 */
type Key = { kind: 'REVIEW' | 'SHARE'; id: string; at: number };

const newer = (a: Key, b: Key) => b.at - a.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The newest `n` keys of lists each ordered newest first (ties by id): a merge through a heap of
 * the lists' heads, so a page costs about n log(lists), not a sort of every list's head (a
 * viewer following 199 people).
 */
function newest(sources: { kind: Key['kind']; lists: (KeyList | null)[] }[], n: number): Key[] {
  type Head = { key: Key; rows: Row[]; next: number; kind: Key['kind'] };
  const heap: Head[] = [];
  const down = (i: number) => {
    for (;;) {
      const [l, r] = [2 * i + 1, 2 * i + 2];
      let first = i;
      if (l < heap.length && newer(heap[l].key, heap[first].key) < 0) first = l;
      if (r < heap.length && newer(heap[r].key, heap[first].key) < 0) first = r;
      if (first === i) return;
      [heap[i], heap[first]] = [heap[first], heap[i]];
      i = first;
    }
  };
  for (const { kind, lists } of sources) {
    for (const list of lists) {
      const rows = list?.keys ?? [];
      if (rows.length) heap.push({ key: key(kind, rows[0]), rows, next: 1, kind });
    }
  }
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
  const out: Key[] = [];
  while (out.length < n && heap.length) {
    const head = heap[0];
    out.push(head.key);
    if (head.next < head.rows.length) {
      head.key = key(head.kind, head.rows[head.next++]);
    } else {
      heap[0] = heap[heap.length - 1];
      heap.pop();
    }
    if (heap.length) down(0);
  }
  return out;
}

const key = (kind: Key['kind'], k: Row): Key => ({ kind, id: String(k.id), at: Number(k.at) });

export function cypherFeed(lists: KeyLists, reviews: ReviewRepository, shares: Get<Share>): FeedRepository {
  return {
    async of(userId, page) {
      const [following] = await lists.following([userId]);
      const followeeIds = (following?.keys ?? []).map((k) => String(k.id));
      const [written, shared, direct] = await Promise.all([
        lists.reviewsBy('NEWEST')(followeeIds),
        lists.followerShares(followeeIds),
        lists.sharesTo([userId]),
      ]);
      const sources = [
        { kind: 'REVIEW' as const, lists: written },
        { kind: 'SHARE' as const, lists: [...shared, ...direct] },
      ];
      const totalCount = sources.reduce((n, s) => n + s.lists.reduce((m, l) => m + (l?.keys.length ?? 0), 0), 0);
      const window = newest(sources, page.offset + page.limit).slice(page.offset);
      const reviewIds = window.filter((k) => k.kind === 'REVIEW').map((k) => k.id);
      const shareIds = window.filter((k) => k.kind === 'SHARE').map((k) => k.id);
      const [rs, ss] = await Promise.all([reviews.get(reviewIds), shares(shareIds)]);
      const review = new Map(rs.flatMap((r) => (r ? [[r.id, r] as const] : [])));
      const share = new Map(ss.flatMap((s) => (s ? [[s.id, s] as const] : [])));
      const items = window.flatMap((k): FeedEntry[] => {
        if (k.kind === 'REVIEW') {
          const item = review.get(k.id);
          return item ? [{ kind: 'REVIEW', item }] : [];
        }
        const item = share.get(k.id);
        return item ? [{ kind: 'SHARE', item }] : [];
      });
      return { items, totalCount, followeeIds };
    },
  };
}
