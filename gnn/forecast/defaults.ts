/** Settings shared by the backtest CLI, the benchmark and training from the database. */
export const FORECAST_DEFAULTS = {
  horizon: 3,
  seed: 1,
  resolution: 1,
  minSize: 20,
  epochs: 200,
  warmEpochs: 20,
  refitEvery: 1,
  trainWindow: 60,
  lr: 0.01,
  hidden: 16,
  userDim: 8,
  l2: 1e-3,
  warmupOrigins: 12,
  ensemble: 3,
  calibrationSize: 200,
  coverage: 0.8,
};

/** Training from the database: weekly periods, no season, the last weeks backtested for calibration. */
export const WEEKLY_DEFAULTS = {
  horizon: 4,
  resolution: 1,
  minSize: 5,
  minJaccard: 0.3,
  evaluationWeeks: 12,
  epochs: FORECAST_DEFAULTS.epochs,
  warmEpochs: FORECAST_DEFAULTS.warmEpochs,
  refitEvery: 4,
  trainWindow: 52,
  lr: FORECAST_DEFAULTS.lr,
  warmupOrigins: 12,
  ensemble: FORECAST_DEFAULTS.ensemble,
  calibrationSize: FORECAST_DEFAULTS.calibrationSize,
  coverage: FORECAST_DEFAULTS.coverage,
};
