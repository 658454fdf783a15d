import assert from 'node:assert/strict';
import { test } from '../../support/node-test';
import type { ModelKind, ModelOutputRow, ModelRepository, ModelRun } from '../../../src/store/contract';
import { loadInfluence } from '../../../gnn/influence/serving';
import type { InfluenceData } from '../../../gnn/influence/publish';

/** ModelRepository in memory: enough of the contract for the reader. */
function memoryModels(): ModelRepository {
  const runs: { run: ModelRun; rows: ModelOutputRow[] }[] = [];
  return {
    async publish(run, rows) {
      const all: ModelOutputRow[] = [];
      for await (const batch of rows) all.push(...batch);
      runs.push({ run, rows: all });
    },
    async current(kind: ModelKind) {
      return runs.filter((r) => r.run.kind === kind).at(-1)?.run ?? null;
    },
    async *rows(kind, version, batchSize = 2) {
      const rows = runs.find((r) => r.run.kind === kind && r.run.version === version)?.rows ?? [];
      for (let k = 0; k < rows.length; k += batchSize) yield rows.slice(k, k + batchSize);
    },
    async prune() {},
  };
}

function row(id: string, rank: number, score: number, byCategory: [string, number, number][]): ModelOutputRow {
  const data: InfluenceData = {
    score,
    rank,
    percentile: 0,
    byCategory: byCategory.map(([categoryId, s, r]) => ({ categoryId, score: s, rank: r })),
    explanation: { followersReached: 0, followersEngaged: 0, topCategories: byCategory.map((c) => c[0]), examples: [] },
  };
  return { entityId: id, data: data as unknown as Record<string, unknown> };
}

const run = (version: string): ModelRun => ({ kind: 'influence', version, createdAt: 0, metadata: {} });

test('pages are slices of the ranked lists, globally and per category', async () => {
  const models = memoryModels();
  assert.equal(await loadInfluence(models), null);
  await models.publish(run('v1'), [[row('c', 3, 1, [['books', 1, 2]]), row('a', 1, 9, [['books', 3, 1], ['dvd', 6, 1]])], [row('b', 2, 5, [])]]);
  const index = (await loadInfluence(models))!;
  assert.equal(index.run.version, 'v1');
  assert.deepEqual(index.leaders({ offset: 0, limit: 2 }).items.map((l) => l.userId), ['a', 'b']);
  assert.deepEqual(index.leaders({ offset: 2, limit: 2 }), { items: [index.leaders({ offset: 0, limit: 3 }).items[2]], totalCount: 3 });
  const books = index.leaders({ categoryId: 'books', offset: 0, limit: 10 });
  assert.deepEqual(books.items.map((l) => [l.userId, l.score, l.rank]), [['a', 3, 1], ['c', 1, 2]]);
  assert.equal(index.leaders({ categoryId: 'none', offset: 0, limit: 10 }).totalCount, 0);
  assert.equal(index.user('b')!.rank, 2);
  assert.equal(index.user('zz'), null);
  assert.deepEqual(index.categories().sort(), ['books', 'dvd']);
});

test('a community page keeps global ranks and counts only its members', async () => {
  const models = memoryModels();
  await models.publish(run('v1'), [[row('a', 1, 9, [['books', 3, 1]]), row('b', 2, 5, [['books', 2, 2]]), row('c', 3, 1, [['books', 1, 3]])]]);
  const index = (await loadInfluence(models))!;
  const members = new Set(['c', 'b']);
  const page = index.leaders({ memberIds: members, offset: 0, limit: 1 });
  assert.deepEqual([page.items.map((l) => [l.userId, l.rank]), page.totalCount], [[['b', 2]], 2]);
  assert.deepEqual(index.leaders({ categoryId: 'books', memberIds: members, offset: 1, limit: 5 }).items.map((l) => l.userId), ['c']);
});
