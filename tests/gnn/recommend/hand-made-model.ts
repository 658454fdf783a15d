/**
 * A hand-made 2-d recommender over the contract fixture's users and products (plus p4, a game
 * the serving tests add): books point along x, games along y, so the right answers are known.
 * Shared by serving.test.ts and top-lists.test.ts.
 */
export const HAND_MADE = {
  users: ['alice', 'bob', 'carol'],
  products: [
    { id: 'p1', categoryId: 'books' },
    { id: 'p2', categoryId: 'books' },
    { id: 'p3', categoryId: 'games' },
    { id: 'p4', categoryId: 'games' },
  ],
  dim: 2,
  userEmb: Float32Array.from([0.5, 0.5, 1, 0, 0, 1]),
  productEmb: Float32Array.from([1, 0, 0.9, 0.1, 0, 1, 0.1, 0.9]),
};
