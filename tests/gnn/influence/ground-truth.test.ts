import assert from 'node:assert/strict';
import { test } from '../../support/node-test';
import { DAY_MS } from '../../../gnn/core/activity-log';
import { forEachInfluencePair, influenceCounts, type InfluencePeriod } from '../../../gnn/influence/ground-truth';
import { tinyLog } from './fixture';

const all = (windowDays: number): InfluencePeriod => ({ actorFrom: -Infinity, actorTo: Infinity, followerTo: Infinity, windowMs: windowDays * DAY_MS });
const byUser = (log: ReturnType<typeof tinyLog>, counts: Float64Array) => Object.fromEntries(log.userIds.map((id, k) => [id, counts[k]]));

test('counts distinct (follower, product) pairs that act after the followee, within the window', () => {
  const log = tinyLog(
    [
      { user: 'u', product: 'p1', day: 10 },
      { user: 'f1', product: 'p1', day: 12 }, // counts
      { user: 'f2', product: 'p1', day: 10 }, // same time: not later
      { user: 'f1', product: 'p2', day: 1 }, // before u; but u follows f1, so f1 influenced u
      { user: 'u', product: 'p2', day: 5 },
      { user: 'x', product: 'p1', day: 13 }, // does not follow u
      { user: 'u', product: 'p3', day: 20 },
      { user: 'f2', product: 'p3', day: 31 }, // outside a 10-day window
      { user: 'f1', product: 'p3', day: 21 }, // counts
      { user: 'f1', product: 'p3', day: 22 }, // same pair again: once
    ],
    [['f1', 'u'], ['f2', 'u'], ['u', 'f1']],
  );
  assert.deepEqual(byUser(log, influenceCounts(log, all(10))), { u: 2, f1: 1, f2: 0, x: 0 });
  assert.deepEqual(byUser(log, influenceCounts(log, all(15))), { u: 3, f1: 1, f2: 0, x: 0 });
});

test('the period bounds the influencer action and the follower action separately', () => {
  const log = tinyLog(
    [
      { user: 'u', product: 'p1', day: 10 },
      { user: 'f', product: 'p1', day: 12 },
      { user: 'u', product: 'p2', day: 20 },
      { user: 'f', product: 'p2', day: 26 },
    ],
    [['f', 'u']],
  );
  const w = 365 * DAY_MS;
  const count = (p: InfluencePeriod) => influenceCounts(log, p)[0];
  assert.equal(count({ actorFrom: 15 * DAY_MS, actorTo: Infinity, followerTo: Infinity, windowMs: w }), 1, 'actions of u before the cutoff do not count');
  assert.equal(count({ actorFrom: -Infinity, actorTo: 15 * DAY_MS, followerTo: Infinity, windowMs: w }), 1);
  assert.equal(count({ actorFrom: -Infinity, actorTo: Infinity, followerTo: 25 * DAY_MS, windowMs: w }), 1, 'follower actions after followerTo are not observed');
});

test('a follow only counts from its since time', () => {
  const log = tinyLog(
    [
      { user: 'u', product: 'p1', day: 10 },
      { user: 'f', product: 'p1', day: 12 },
      { user: 'u', product: 'p2', day: 20 },
      { user: 'f', product: 'p2', day: 22 },
    ],
    [['f', 'u', 15]],
  );
  const pairs: string[] = [];
  forEachInfluencePair(log, all(365), (p) => pairs.push(`${log.productIds[p.product]}:${(p.followerAt - p.influencerAt) / DAY_MS}`));
  assert.deepEqual(pairs, ['p2:2']);
});
