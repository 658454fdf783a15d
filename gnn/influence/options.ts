/** Command-line options shared by `influence` and `train influence`, and their translation. */
import { UsageError, type OptionSpec, type Options } from '../core/command';
import { DAY_MS } from '../core/activity-log';
import type { CategoryModelOptions } from './category-pipeline';

export function trainOptionSpecs(D: CategoryModelOptions): OptionSpec[] {
  return [
    { name: 'window', type: 'number', default: D.windowMs / DAY_MS, description: "W: days after u's action within which a follower's action counts" },
    { name: 'period', type: 'number', default: D.periodMs / DAY_MS, description: 'days of the period the model predicts' },
    { name: 'snapshots', type: 'number', default: D.snapshots, description: 'past snapshots to train on' },
    { name: 'stride', type: 'number', default: D.strideMs / DAY_MS, description: 'days between training snapshots (and between validation folds)' },
    { name: 'folds', type: 'number', default: D.folds, description: 'validation periods before the cutoff the feature groups and L2 weight are chosen on' },
  ];
}

export function trainOptions(o: Options, defaults: CategoryModelOptions): CategoryModelOptions {
  const days = (name: string, value: number) => {
    if (!(value > 0)) throw new UsageError(`--${name} must be a positive number of days, got ${value}`);
    return value * DAY_MS;
  };
  const count = (name: string, value: number) => {
    if (!Number.isInteger(value) || value < 1) throw new UsageError(`--${name} must be a positive integer, got ${value}`);
    return value;
  };
  return {
    ...defaults,
    windowMs: days('window', o.window as number),
    periodMs: days('period', o.period as number),
    snapshots: count('snapshots', o.snapshots as number),
    strideMs: days('stride', o.stride as number),
    folds: count('folds', o.folds as number),
  };
}
