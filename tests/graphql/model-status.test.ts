/**
 * `models` and `platformStats`, the managers' overview: what is published per kind with the
 * evaluation its run recorded, and how much the graph holds.
 */
import assert from 'node:assert/strict';
import { after, before, test } from '../support/node-test';
import { modelMetrics } from '../../src/server/model-metrics';
import { startTestApi, type TestApi } from './support/api';
import { USERS } from './support/community';

let api: TestApi;
before(async () => {
  api = await startTestApi();
});
after(() => api.close());

const MODELS = '{ models { kind version trainedAt trainSeconds metrics { name value } } }';
const asManager = async (query: string) => api.gql(query, { token: await api.token('u000', ['manager']) });

test('managers only', async () => {
  for (const query of [MODELS, '{ platformStats { users } }']) {
    assert.equal((await api.gql(query)).errors?.[0].extensions?.code, 'UNAUTHENTICATED');
    assert.equal((await api.gql(query, { token: await api.token('u000') })).errors?.[0].extensions?.code, 'FORBIDDEN');
  }
});

test('every kind is listed, with null before its first publication and its recorded evaluation after', async () => {
  const before = await asManager(MODELS);
  assert.deepEqual(
    before.data.models,
    ['RECOMMEND', 'INFLUENCE', 'FORECAST'].map((kind) => ({ kind, version: null, trainedAt: null, trainSeconds: null, metrics: [] })),
  );

  const createdAt = Date.UTC(2026, 0, 2, 3, 4, 5);
  const metadata = { metrics: { validationRecall20: 0.25, validationNdcg20: 0.3 }, trainSeconds: 12.5 };
  await api.store.models.publish({ kind: 'recommend', version: 'v7', createdAt, metadata }, [[{ entityId: 'u000', data: {} }]]);
  const after = await asManager(MODELS);
  assert.deepEqual(after.data.models[0], {
    kind: 'RECOMMEND',
    version: 'v7',
    trainedAt: '2026-01-02T03:04:05.000Z',
    trainSeconds: 12.5,
    metrics: [
      { name: 'validation Recall@20', value: 0.25 },
      { name: 'validation NDCG@20', value: 0.3 },
    ],
  });
});

test('each kind reports its held-out numbers and leaves out what its run did not record', () => {
  const run = (kind: 'influence' | 'forecast', metadata: Record<string, unknown>) => ({ kind, version: 'v', createdAt: 0, metadata });
  const influence = run('influence', {
    hyperParameters: { groups: ['own', 'audience'], lambda: 0.1, split: true },
    metrics: {
      validation: [
        { groups: ['own'], lambda: 0.1, split: true, category: { ndcg: 0.1 }, global: { ndcg: 0.2, spearmanRandomTies: 0.3 } },
        { groups: ['own', 'audience'], lambda: 0.1, split: true, category: { ndcg: 0.4 }, global: { ndcg: 0.5, spearmanRandomTies: 0.6 } },
        { groups: ['own', 'audience'], lambda: 0.1, split: false, category: { ndcg: 0.7 }, global: { ndcg: 0.8, spearmanRandomTies: 0.9 } },
      ],
    },
  });
  assert.deepEqual(modelMetrics(influence), [
    { name: 'validation NDCG@20 per category', value: 0.4 },
    { name: 'validation NDCG@100', value: 0.5 },
    { name: 'validation Spearman (ties at random)', value: 0.6 },
  ]);
  const forecast = run('forecast', { evaluation: { model: { mae: [1, 2, 3] }, improvement: [0.1, 0.2, 0.3], coverage: { overall: 0.8 } }, detection: { modularity: 0.6 } });
  assert.deepEqual(modelMetrics(forecast).map((m) => `${m.name}=${m.value}`), [
    'backtest MAE, 1 week ahead=1',
    'improvement over the best baseline, 1 week ahead=0.1',
    'backtest MAE, 3 weeks ahead=3',
    'improvement over the best baseline, 3 weeks ahead=0.3',
    '80% interval coverage=0.8',
    'community modularity=0.6',
  ]);
  assert.deepEqual(modelMetrics(run('forecast', {})), []);
});

test('platformStats counts what the store holds', async () => {
  const { data } = await asManager('{ platformStats { users products categories reviews follows shares } }');
  assert.equal(data.platformStats.users, USERS);
  assert.deepEqual(data.platformStats, await api.store.bulk.counts());
});
