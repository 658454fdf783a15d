/**
 * What the writes since a SignalIndex's build began changed in users' signals, from the store's
 * announcements (src/store/changes.ts: the tags the response cache trusts too). A user's signals
 * read their own reviews and shares, whom they follow, and the reviews and visible shares of those
 * followees. Three kinds of write change them, and each is recorded so that SignalSource
 * (signals.ts, signal-patch.ts) can read what it changed, by id, and apply it on top of the index:
 * - a review written, edited or deleted: its id, author and product;
 * - a share: its id and sharer (shares are never edited or deleted; the contract has no such write);
 * - a follow or unfollow: the follower, whose followees are read again.
 * A sharer's share setting changes nothing here: it decides what non-followers see, and signals
 * read only the user's own shares and those of people they follow. A write whose extent is not
 * known (a bulk load), or a review or share announced in another shape, sets `everything`.
 */
import { tags } from '../../src/store/changes';

const REVIEW = tags.review('');
const REVIEWS_BY = tags.reviewsBy('');
const REVIEWS_OF = tags.reviewsOf('');
const SHARE = tags.share('');
const SHARES_BY = tags.sharesBy('');
const FOLLOWING = tags.following('');

/** The part after `prefix` of each of `changed`'s tags that starts with it (list-order tags, `a|votes`, aside). */
const named = (changed: readonly string[], prefix: string) => changed.filter((t) => t.startsWith(prefix) && !t.includes('|')).map((t) => t.slice(prefix.length));

export class SignalChanges {
  /** Nothing in the index can be trusted. */
  everything = false;
  /** Per author, the reviews (id → product) written, edited or deleted. */
  private readonly reviews = new Map<string, Map<string, string>>();
  /** Per sharer, the shares created. */
  private readonly shares = new Map<string, string[]>();
  /** Users who followed or unfollowed someone. */
  private readonly following = new Set<string>();
  /** Tags announced so far (about six per review), for deciding when a rebuild is worth it. */
  size = 0;

  note(changed: readonly string[]): void {
    this.size += changed.length;
    if (changed.includes(tags.everything)) {
      this.everything = true;
      return;
    }
    for (const follower of named(changed, FOLLOWING)) this.following.add(follower);
    const review = named(changed, REVIEW);
    const share = named(changed, SHARE);
    if (review.length) {
      // A review's write, edit or deletion names the review, its author's list and its product's list.
      const [by, of] = [named(changed, REVIEWS_BY), named(changed, REVIEWS_OF)];
      if (review.length !== 1 || by.length !== 1 || of.length !== 1) this.everything = true;
      else this.add(this.reviews, by[0], new Map()).set(review[0], of[0]);
    } else if (share.length) {
      const by = named(changed, SHARES_BY);
      if (share.length !== 1 || by.length !== 1) this.everything = true;
      else this.add(this.shares, by[0], []).push(share[0]);
    }
  }

  private add<V>(map: Map<string, V>, key: string, empty: V): V {
    const found = map.get(key);
    if (found) return found;
    map.set(key, empty);
    return empty;
  }

  get empty(): boolean {
    return this.size === 0;
  }

  /** Whether the user followed or unfollowed someone. */
  followingChanged(userId: string): boolean {
    return this.following.has(userId);
  }

  /** The reviews changed by these authors: review id, author and product. */
  reviewsBy(authorIds: readonly string[]): { id: string; authorId: string; productId: string }[] {
    return authorIds.flatMap((authorId) => [...(this.reviews.get(authorId) ?? [])].map(([id, productId]) => ({ id, authorId, productId })));
  }

  /** The ids of the shares these users created. */
  sharesBy(sharerIds: readonly string[]): string[] {
    return sharerIds.flatMap((id) => this.shares.get(id) ?? []);
  }
}
