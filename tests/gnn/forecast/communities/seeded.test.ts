/**
 * On the demo generator's data (planted communities): Louvain recovers the planted communities,
 * and community ids survive a rerun after 1% more follows.
 */
import assert from 'node:assert/strict';
import { test } from '../../../support/node-test';
import { generateCommunity } from '../../../../seeds/generator';
import { adjustedRandIndex, normalizedMutualInformation } from '../../../../gnn/forecast/communities/agreement';
import { detectCommunities } from '../../../../gnn/forecast/communities/detect';
import { assignStableIds } from '../../../../gnn/forecast/communities/stable-ids';
import { Random } from '../../../../gnn/core/random';

const { batch, truth } = generateCommunity({ seed: 42 });
const users = batch.users.map((u) => u.id);
const follows = batch.follows.map((f) => [f.followerId, f.followeeId] as const);

function labels(communities: readonly (readonly string[])[]): (number | undefined)[] {
  const of = new Map<string, number>();
  communities.forEach((m, c) => m.forEach((u) => of.set(u, c)));
  return users.map((u) => of.get(u));
}

test('detected communities match the planted ones (ARI and NMI >= 0.8)', () => {
  const detected = detectCommunities(follows, { seed: 1, minSize: 1 }, users).communities;
  const planted = users.map((u) => truth.userCommunity[u]);
  const ari = adjustedRandIndex(labels(detected), planted);
  const nmi = normalizedMutualInformation(labels(detected), planted);
  console.log(`planted ${truth.communities.length}, detected ${detected.length}, ARI ${ari.toFixed(3)}, NMI ${nmi.toFixed(3)}`);
  assert.ok(ari >= 0.8, `ARI ${ari}`);
  assert.ok(nmi >= 0.8, `NMI ${nmi}`);
});

test('ids stay stable when 1% of follows are added and detection reruns', () => {
  const before = assignStableIds(detectCommunities(follows, { seed: 1 }, users).communities, []).communities;
  const rng = new Random(7);
  const existing = new Set(follows.map(([a, b]) => `${a}>${b}`));
  const added: (readonly [string, string])[] = [];
  while (added.length < Math.ceil(follows.length / 100)) {
    const a = users[rng.int(users.length)];
    const b = users[rng.int(users.length)];
    if (a !== b && !existing.has(`${a}>${b}`)) {
      existing.add(`${a}>${b}`);
      added.push([a, b]);
    }
  }
  // A different Louvain seed too, so the raw numbering is free to change.
  const rerun = detectCommunities([...follows, ...added], { seed: 2 }, users).communities;
  const after = assignStableIds(rerun, before).communities;
  const byId = new Map(after.map((c) => [c.id, new Set(c.members)]));
  for (const c of before) {
    const now = byId.get(c.id);
    assert.ok(now, `community ${c.id} lost its id`);
    const inter = c.members.filter((u) => now.has(u)).length;
    const jaccard = inter / (c.members.length + now.size - inter);
    assert.ok(jaccard >= 0.9, `${c.id}: Jaccard ${jaccard}`);
  }
  assert.equal(after.length, before.length);
});
