/**
 * Training from a seeded database end to end: the demo generator's community loaded into a
 * temporary LadybugDB, `trainForecastFromStore` run and published, the serving module reading
 * the run back; then 1% more follows and a second run that must keep every community's id.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from '../../support/node-test';
import { DEFAULT_GENERATOR_OPTIONS, generateCommunity } from '../../../seeds/generator';
import { seedDemo } from '../../../seeds/demo';
import { initBackend } from '../../../gnn/core/backend';
import { adjustedRandIndex, normalizedMutualInformation } from '../../../gnn/forecast/communities/agreement';
import { WEEKLY_DEFAULTS } from '../../../gnn/forecast/defaults';
import { CommunityForecasts, engagement, engagementForecast } from '../../../gnn/forecast/serving';
import { snapshotNames, trainForecastFromStore, type TrainForecastOptions } from '../../../gnn/forecast/train-from-store';
import { Random } from '../../../gnn/core/random';
import { tempStore, type TempStore } from '../../support/store';
import { SMALL_COMMUNITY } from '../../seeds/small';

const SEED = { ...SMALL_COMMUNITY, seed: 42 };
const now = DEFAULT_GENERATOR_OPTIONS.end + 86_400_000;
const opts: TrainForecastOptions = {
  ...WEEKLY_DEFAULTS,
  model: { horizon: 4, hidden: 8, userDim: 4, l2: 1e-3 },
  seed: 1,
  epochs: 40,
  warmEpochs: 10,
  evaluationWeeks: 4,
  warmupOrigins: 4,
  ensemble: 1,
  now,
};

let db: TempStore;
before(async () => {
  await initBackend(() => {});
  db = await tempStore();
  await seedDemo(db.store, { truthFile: path.join(db.dir, 'truth.json'), options: SEED });
});
after(async () => db?.cleanup());
/** Saved models go under the temporary store's directory. */
const publish = () => ({ modelRoot: path.join(db.dir, 'models'), keep: 3 });

test('train, publish and serve communities with weekly forecasts; ids survive 1% more follows', async () => {
  const { truth, batch } = generateCommunity(SEED);
  const first = await trainForecastFromStore(db.store, opts, publish(), 'test', snapshotNames(db.store));

  // Detection recovers the planted communities.
  const users = batch.users.map((u) => u.id);
  const detectedOf = new Map(first.communities.flatMap((c) => c.members.map((u) => [u, c.id] as const)));
  const planted = users.map((u) => truth.userCommunity[u]);
  const ari = adjustedRandIndex(users.map((u) => detectedOf.get(u) ?? 'none'), planted);
  const nmi = normalizedMutualInformation(users.map((u) => detectedOf.get(u) ?? 'none'), planted);
  console.log(`store run: ${first.communities.length} communities (planted ${truth.communities.length}), ARI ${ari.toFixed(3)}, NMI ${nmi.toFixed(3)}`);
  assert.ok(ari >= 0.8 && nmi >= 0.8, `ARI ${ari} NMI ${nmi}`);

  const categoryName = new Map(batch.categories.map((c) => [c.id, c.name]));
  const handle = new Map(batch.users.map((u) => [u.id, u.handle]));
  // Every community is described, has weekly engagement to the last complete week, and 4 forecast weeks after it.
  for (const c of first.communities) {
    assert.equal(c.size, c.members.length);
    // Labelled by names: the top category is one the planted community reviews, the leader a member's handle.
    const plantedId = truth.userCommunity[c.members[0]];
    const plantedCats = truth.communities.find((p) => p.id === plantedId)!.categoryIds;
    assert.ok(plantedCats.includes(c.topCategories[0]), `${c.id}: top category ${c.topCategories[0]} not planted`);
    assert.ok(c.label.startsWith(categoryName.get(c.topCategories[0])!), c.label);
    assert.ok(c.members.includes(c.opinionLeaders[0]) && c.label.includes(handle.get(c.opinionLeaders[0])!), c.label);
    assert.equal(c.engagement.at(-1)!.period, '2026-06-22');
    assert.deepEqual(c.forecast.map((f) => f.period), ['2026-06-29', '2026-07-06', '2026-07-13', '2026-07-20']);
    for (const f of c.forecast) assert.ok(0 <= f.low && f.low <= f.expected && f.expected <= f.high);
  }
  const m = first.run.metadata as { metrics: { coverage: { overall: number } }; backend: string; modelDir: string };
  assert.equal(m.backend, 'test');
  assert.ok(m.metrics.coverage.overall >= 0 && m.metrics.coverage.overall <= 1);
  assert.equal(m.modelDir, first.modelDir);

  // The serving module answers from the published run.
  const serving = new CommunityForecasts(db.store);
  const page = await serving.list({ sort: 'SIZE', offset: 0, limit: 2 });
  assert.equal(page.totalCount, first.communities.length);
  assert.equal(page.modelVersion, first.run.version);
  assert.ok(page.items[0].size >= page.items[1].size);
  const byEngagement = await serving.list({ sort: 'ENGAGEMENT', offset: 0, limit: 100 });
  const recent = byEngagement.items.map((c) => c.engagement.at(-1)!.reviews + c.engagement.at(-1)!.shares);
  assert.deepEqual(recent, [...recent].sort((a, b) => b - a));
  const [c0, missing] = await serving.get([page.items[0].id, 'c999']);
  assert.equal(c0?.id, page.items[0].id);
  assert.equal(missing, null);
  const [mine, nobody] = await serving.ofUsers([page.items[0].members[0], 'no-such-user']);
  assert.equal(mine?.id, page.items[0].id);
  assert.equal(nobody, null);
  assert.equal(engagement(c0!, 3).length, 3);
  assert.equal(engagementForecast(c0!, 2).length, 2);

  // 1% more follows, then a second run: every community keeps its id.
  const rng = new Random(11);
  const existing = new Set(batch.follows.map((f) => `${f.followerId}>${f.followeeId}`));
  const extra = [];
  while (extra.length < Math.ceil(batch.follows.length / 100)) {
    const a = users[rng.int(users.length)];
    const b = users[rng.int(users.length)];
    if (a === b || existing.has(`${a}>${b}`)) continue;
    existing.add(`${a}>${b}`);
    extra.push({ followerId: a, followeeId: b, since: now - 3 * 86_400_000 });
  }
  await db.store.bulk.upsert({ follows: extra });
  const second = await trainForecastFromStore(db.store, { ...opts, seed: 2, now: now + 1000 }, publish(), 'test');
  const before = new Map(first.communities.map((c) => [c.id, new Set(c.members)]));
  assert.deepEqual(second.communities.map((c) => c.id).sort(), [...before.keys()].sort());
  for (const c of second.communities) {
    const old = before.get(c.id)!;
    const inter = c.members.filter((u) => old.has(u)).length;
    assert.ok(inter / (old.size + c.members.length - inter) >= 0.9, `${c.id} drifted`);
  }
  assert.equal((second.run.metadata as { previousVersion: string }).previousVersion, first.run.version);
});
