import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from '../support/node-test';
import { seedDemoIfEmpty } from '../../seeds/demo';
import type { GroundTruth } from '../../seeds/generator';
import { tempStore } from '../support/store';
import { SMALL_COMMUNITY } from './small';

test('seedDemoIfEmpty seeds an empty store once, then does nothing', async () => {
  const { store, dir, cleanup } = await tempStore();
  try {
    const truthFile = path.join(dir, 'truth', 'demo-truth.json');
    const lines: string[] = [];
    const first = await seedDemoIfEmpty(store, { truthFile, options: SMALL_COMMUNITY, log: (m) => lines.push(m) });
    assert.equal(first.seeded, true);
    const truth = JSON.parse(await readFile(truthFile, 'utf8')) as GroundTruth;
    assert.deepEqual(first.counts, truth.sizes);
    assert.equal(truth.influencers.length, SMALL_COMMUNITY.influencers);
    assert.ok(lines.some((l) => l.includes('done')));

    // Product counters were recomputed after the bulk load.
    const all = await store.products.list({ filter: {}, sort: 'NAME', page: { offset: 0, limit: 1000 } });
    assert.equal(all.items.reduce((s, p) => s + p.reviewCount, 0), truth.sizes.reviews);

    const second = await seedDemoIfEmpty(store, { truthFile, options: SMALL_COMMUNITY });
    assert.equal(second.seeded, false);
    assert.deepEqual(second.counts, first.counts);
  } finally {
    await cleanup();
  }
});
