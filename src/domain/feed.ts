/** One entry of a user's feed: a review or a share by someone they follow. */
export interface FeedItem {
  kind: 'REVIEW' | 'SHARE';
  id: string;
  createdAt: number;
}
