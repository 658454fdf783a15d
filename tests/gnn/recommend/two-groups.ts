/** A graph small enough to check by hand, shared by the recommender's model and training tests. */

// 4 users, 5 items; users 0,1 like items 0-2 and trust each other, users 2,3 like items 3-4.
export const TWO_GROUPS = {
  numUsers: 4,
  numItems: 5,
  interactions: { a: Int32Array.from([0, 0, 1, 1, 2, 3, 3]), b: Int32Array.from([0, 1, 1, 2, 3, 3, 4]) },
  trust: { a: Int32Array.from([0, 2]), b: Int32Array.from([1, 3]) },
};
