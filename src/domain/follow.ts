import { InvalidInputError } from './errors';

/** A follow edge `follower -> followee`; `since` is epoch milliseconds. */
export interface Follow {
  followerId: string;
  followeeId: string;
  since: number;
}

export function validateFollow(followerId: string, followeeId: string): void {
  if (followerId === followeeId) throw new InvalidInputError('userId', 'you cannot follow yourself');
}
