/**
 * The recommender's settings, once: the offline command's defaults (`npm run gnn -- recommend`)
 * and what `train recommend` selects and fits on the live graph. They are the LastFM bench
 * settings (bench/train-recommend.ts, docs/recommend.md).
 */
import type { SelectionOptions } from './pipeline';

export const RECOMMEND_DEFAULTS: SelectionOptions = {
  grid: { dim: [64], layers: [3], lr: [0.02], l2: [1e-4], batchSize: [8192], social: ['edges'], loss: ['bpr'], temperature: [0.2] },
  ensemble: { lambda: [60, 100, 200], dropout: [0.25], gnnWeight: [1, 0.65, 0.5, 0.35, 0], neighbours: 0 },
  maxEpochs: 250,
  valFraction: 0.1,
  valUsers: 3000,
  evalEvery: 5,
  patience: 6,
  refit: true,
  seed: 2022,
};
