import assert from 'node:assert/strict';
import { test } from '../../support/node-test';
import { ConflictError } from '../../../src/domain/errors';
import { forEachEngine } from './fixture';

forEachEngine('contract: concurrent writes', ({ store }) => {
  test('50 writers reviewing and voting on one product at once leave exact counts', async () => {
    const s = store();
    const writers = Array.from({ length: 50 }, (_, i) => ({
      id: `w${i}`,
      handle: `writer_${i}`,
      displayName: `Writer ${i}`,
      bio: '',
      joinedAt: 1,
    }));
    await s.bulk.upsert({ users: writers });
    const before = (await s.products.get(['p3']))[0]!;
    const ratings = writers.map((_, i) => (i % 5) + 1);
    await Promise.all(
      writers.map((w, i) => s.reviews.write(w.id, { productId: 'p3', rating: ratings[i] }, { id: `cr${i}`, at: 1000 + i })),
    );
    // Everyone votes twice on review r1 at once; votes are idempotent per voter.
    await Promise.all(writers.flatMap((w) => [s.reviews.voteHelpful(w.id, 'r1', 2000), s.reviews.voteHelpful(w.id, 'r1', 2001)]));
    // A racing duplicate review per writer must be refused, never double counted.
    const dup = await Promise.allSettled(
      writers.slice(0, 10).map((w, i) => s.reviews.write(w.id, { productId: 'p3', rating: 1 }, { id: `dup${i}`, at: 3000 })),
    );
    assert.ok(dup.every((d) => d.status === 'rejected' && d.reason instanceof ConflictError));

    const after = (await s.products.get(['p3']))[0]!;
    assert.equal(after.reviewCount, before.reviewCount + 50);
    assert.equal(after.ratingSum, before.ratingSum + ratings.reduce((a, b) => a + b, 0));
    const [all] = await s.reviews.ofProducts(['p3'], 'NEWEST', { offset: 0, limit: 0 });
    assert.equal(all.totalCount, after.reviewCount);
    const r1 = (await s.reviews.get(['r1']))[0]!;
    assert.equal(r1.helpfulVotes, 50);
  });
});
