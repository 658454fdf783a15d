import assert from 'node:assert/strict';
import { before, test } from '../../support/node-test';
import { initBackend } from '../../../gnn/core/backend';
import { backtest, type BacktestOptions } from '../../../gnn/forecast/backtest';
import { makeWindows, trainingPairs } from '../../../gnn/forecast/data';
import { CommunityForecaster } from '../../../gnn/forecast/model';
import { fitForecaster } from '../../../gnn/forecast/train';
import { syntheticData } from './synthetic';

before(async () => {
  await initBackend(() => {});
});

const config = { horizon: 3, userDim: 4, hidden: 8, l2: 1e-4 };

test('fitting lowers the pinball loss and quantiles come out ordered', () => {
  const data = syntheticData();
  const model = new CommunityForecaster(data, config, 1);
  const train = makeWindows(data, trainingPairs(data, 12, 40), 3, 40);
  const first = fitForecaster(model, train, { epochs: 1, lr: 0.01 });
  const last = fitForecaster(model, train, { epochs: 150, lr: 0.01 });
  assert.ok(last < first * 0.7, `loss ${first} -> ${last}`);
  const q = model.predict(makeWindows(data, [{ c: 0, t: 40 }, { c: 1, t: 40 }], 3, -1));
  for (let i = 0; i < q.median.length; i++) assert.ok(q.low[i] <= q.median[i] && q.median[i] <= q.high[i]);
  // The wave is learnable: the median beats the mean of the last 12 on the training origin's targets.
  const truth = [0, 1, 2].map((h) => data.series[0][41 + h]);
  const meanErr = truth.reduce((s, y) => s + Math.abs(y - data.series[0].slice(29, 41).reduce((a, b) => a + b) / 12), 0);
  const modelErr = truth.reduce((s, y, h) => s + Math.abs(y - q.median[h]), 0);
  assert.ok(modelErr < meanErr, `model ${modelErr} vs mean12 ${meanErr}`);
  model.dispose();
});

test('untrained, the median is the seasonal level forecast e^(ℓ + s) − 1', () => {
  const data = syntheticData();
  const model = new CommunityForecaster(data, config, 1);
  const w = makeWindows(data, [{ c: 0, t: 30 }, { c: 1, t: 40 }], 3, -1);
  const q = model.predict(w);
  for (let i = 0; i < 2; i++) {
    for (let h = 0; h < 3; h++) {
      const expected = Math.exp(w.level[i] + w.season[i * 3 + h]) - 1;
      assert.ok(Math.abs(q.median[i * 3 + h] - expected) < 1e-3 * expected, `window ${i} h${h + 1}: ${q.median[i * 3 + h]} vs ${expected}`);
    }
  }
  // The wave is planted in every user, so the platform's factors carry it: its peak (April) well above its trough (October).
  assert.ok(data.season.log[40 * 12 + 3] - data.season.log[40 * 12 + 9] > 0.5);
  model.dispose();
});

test('backtest forecasts at an origin do not depend on anything after it', () => {
  const opts: BacktestOptions = {
    origins: [30, 31, 32],
    model: config,
    epochs: 30,
    warmEpochs: 10,
    lr: 0.01,
    refitEvery: 2,
    trainWindow: 24,
    warmupOrigins: 2,
    ensemble: 2,
    calibrationSize: 50,
    coverage: 0.8,
    seed: 5,
  };
  const plain = backtest(syntheticData(), opts);
  // Activity triples from period 33 on: forecasts made at origins ≤ 32 must not move.
  const changed = backtest(syntheticData({ from: 33, factor: 3 }), opts);
  assert.deepEqual(changed, plain);
  const shifted = backtest(syntheticData({ from: 32, factor: 3 }), opts);
  assert.notDeepEqual(shifted[2], plain[2]);
});
