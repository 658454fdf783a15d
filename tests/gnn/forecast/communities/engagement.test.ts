import assert from 'node:assert/strict';
import { test } from '../../../support/node-test';
import { engagementSeries } from '../../../../gnn/forecast/communities/engagement';
import { parsePeriod, periodLabel, periodOf, periodStart } from '../../../../gnn/forecast/communities/periods';

test('engagement counts members\' events per period and active members once', () => {
  const communityOf = new Map([
    ['a', 0],
    ['b', 0],
    ['c', 1],
  ]);
  const [c0, c1] = engagementSeries(
    communityOf,
    2,
    [
      { userId: 'a', kind: 'review', period: 10 },
      { userId: 'a', kind: 'share', period: 10 },
      { userId: 'b', kind: 'follow', period: 11 },
      { userId: 'c', kind: 'review', period: 11 },
      { userId: 'nobody', kind: 'review', period: 10 },
      { userId: 'a', kind: 'review', period: 12 }, // outside the window
    ],
    10,
    2,
  );
  assert.deepEqual([...c0.reviews], [1, 0]);
  assert.deepEqual([...c0.shares], [1, 0]);
  assert.deepEqual([...c0.follows], [0, 1]);
  assert.deepEqual([...c0.activeMembers], [1, 1]);
  assert.deepEqual([...c1.reviews], [0, 1]);
});

test('periods: months and Monday weeks round-trip through labels', () => {
  const t = Date.UTC(2010, 11, 31, 23, 59);
  assert.equal(periodLabel('month', periodOf('month', t)), '2010-12');
  assert.equal(periodOf('month', Date.UTC(2011, 0, 1)), periodOf('month', t) + 1);
  assert.equal(parsePeriod('month', '2008-01'), 2008 * 12);
  // 2026-11-24 is a Tuesday: its week starts Monday 2026-11-23.
  const week = periodOf('week', Date.UTC(2026, 10, 24, 12));
  assert.equal(periodLabel('week', week), '2026-11-23');
  assert.equal(parsePeriod('week', '2026-11-23'), week);
  assert.equal(periodStart('week', week + 1), Date.UTC(2026, 10, 30));
  assert.throws(() => parsePeriod('week', '2026-11-24'), /not a Monday/);
});
