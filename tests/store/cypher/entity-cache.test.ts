/**
 * The store's entity cache: lookups of held ids skip the engine, and a write's announced tags
 * drop exactly what it changed, also when the write lands while a lookup runs.
 */
import assert from 'node:assert/strict';
import { test } from '../../support/node-test';
import { ChangeFeed, tags } from '../../../src/store/changes';
import { EntityCache } from '../../../src/store/cypher/entity-cache';

interface Item {
  id: string;
  v: number;
}

function fixture(maxEntries = 100) {
  const changes = new ChangeFeed();
  const cache = new EntityCache(changes, maxEntries);
  const rows = new Map<string, number>([['a', 1], ['b', 2], ['c', 3]]);
  const fetched: string[][] = [];
  let gate: Promise<void> | undefined;
  const get = cache.through<Item>('Thing', (id) => [tags.product(id), tags.productCounts(id)], async (ids) => {
    fetched.push([...ids]);
    const answer = ids.map((id) => (rows.has(id) ? { id, v: rows.get(id)! } : null));
    await gate;
    return answer;
  });
  return { changes, get, rows, fetched, hold: (p: Promise<void>) => (gate = p) };
}

test('held ids are answered without fetching; missing ids are fetched every time', async () => {
  const f = fixture();
  assert.deepEqual(await f.get(['a', 'x', 'a']), [{ id: 'a', v: 1 }, null, { id: 'a', v: 1 }]);
  assert.deepEqual(await f.get(['a', 'b', 'x']), [{ id: 'a', v: 1 }, { id: 'b', v: 2 }, null]);
  assert.deepEqual(f.fetched, [['a', 'x'], ['b', 'x']]);
  assert.ok(Object.isFrozen((await f.get(['a']))[0]), 'entries are shared, so frozen');
});

test('a tag an entity depends on drops it; other tags and entities stay', async () => {
  const f = fixture();
  await f.get(['a', 'b']);
  f.rows.set('a', 10);
  f.changes.emit([tags.productCounts('a'), tags.review('b')]);
  assert.deepEqual(await f.get(['a', 'b']), [{ id: 'a', v: 10 }, { id: 'b', v: 2 }]);
  assert.deepEqual(f.fetched, [['a', 'b'], ['a']]);
  f.changes.emit([tags.everything]);
  await f.get(['a', 'b']);
  assert.deepEqual(f.fetched.at(-1), ['a', 'b'], 'a bulk load drops everything');
});

test('a lookup overlapping a write answers but keeps nothing it may have read before the write', async () => {
  const f = fixture();
  let release!: () => void;
  f.hold(new Promise<void>((r) => (release = r)));
  const pending = f.get(['a']);
  f.rows.set('a', 10);
  f.changes.emit([tags.product('a')]);
  release();
  assert.deepEqual(await pending, [{ id: 'a', v: 1 }]);
  f.hold(Promise.resolve());
  assert.deepEqual(await f.get(['a']), [{ id: 'a', v: 10 }], 'fetched again, not the old row');
});

test('past its size the cache drops entries not used since they were stored, before used ones', async () => {
  const f = fixture(2);
  await f.get(['a', 'b']);
  await f.get(['a']);
  await f.get(['c']);
  f.fetched.length = 0;
  await f.get(['a', 'b', 'c']);
  assert.deepEqual(f.fetched, [['b']]);
});
