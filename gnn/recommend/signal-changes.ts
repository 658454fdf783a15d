/**
 * What the writes since a SignalIndex's build began changed, from the store's announcements
 * (src/store/changes.ts: the tags the response cache trusts too). SignalSource (signals.ts) serves
 * a user from the index while none of what their signals read has changed, and applies reviews
 * written, edited or deleted since the build on top of it, so the index stays in use while
 * reviews keep coming (the common write); a follow or share touching the user sends them to the store.
 *
 * A user's signals read: their own reviews and shares, whom they follow, the reviews of those
 * followees, and the shares of those followees they may see. Every share, direct ones included,
 * and every change of a sharer's setting announce the sharer's `sharesBy`.
 */
import { tags } from '../../src/store/changes';

const REVIEW = tags.review('');
const REVIEWS_BY = tags.reviewsBy('');
const REVIEWS_OF = tags.reviewsOf('');

/** Per author, the products whose review changed: the review's creation time, or null when it was deleted. */
export type ReviewPatch = Map<string, Map<string, number | null>>;

export class SignalChanges {
  /** A write whose extent is not known (a bulk load): nothing in the index can be trusted. */
  everything = false;
  private readonly tagged = new Set<string>();
  /** Per author, the reviews (id → product) written, edited or deleted. */
  private readonly reviews = new Map<string, Map<string, string>>();
  /** Tags announced so far (about six per review), for deciding when a rebuild is worth it. */
  size = 0;

  note(changed: readonly string[]): void {
    this.size += changed.length;
    if (changed.includes(tags.everything)) {
      this.everything = true;
      return;
    }
    const review = changed.filter((t) => t.startsWith(REVIEW));
    if (review.length === 0) {
      for (const t of changed) this.tagged.add(t);
      return;
    }
    // A review's write, edit or deletion names the review, its author's list and its product's list.
    const by = changed.filter((t) => t.startsWith(REVIEWS_BY) && !t.includes('|'));
    const of = changed.filter((t) => t.startsWith(REVIEWS_OF) && !t.includes('|'));
    if (review.length !== 1 || by.length !== 1 || of.length !== 1) {
      this.everything = true;
      return;
    }
    const author = by[0].slice(REVIEWS_BY.length);
    let mine = this.reviews.get(author);
    if (!mine) this.reviews.set(author, (mine = new Map()));
    mine.set(review[0].slice(REVIEW.length), of[0].slice(REVIEWS_OF.length));
    for (const t of changed) if (t !== by[0]) this.tagged.add(t);
  }

  get empty(): boolean {
    return this.size === 0;
  }

  /** Whether a change other than a review touches the signals of `userId`, who follows `followeeIds`. */
  touches(userId: string, followeeIds: readonly string[]): boolean {
    const own = [tags.following(userId), tags.sharesBy(userId), tags.reviewsBy(userId)];
    return own.some((t) => this.tagged.has(t)) || followeeIds.some((f) => this.tagged.has(tags.sharesBy(f)) || this.tagged.has(tags.reviewsBy(f)));
  }

  /** The reviews changed by these authors: review id, author and product. */
  reviewsBy(authorIds: readonly string[]): { id: string; authorId: string; productId: string }[] {
    return authorIds.flatMap((authorId) => [...(this.reviews.get(authorId) ?? [])].map(([id, productId]) => ({ id, authorId, productId })));
  }
}
