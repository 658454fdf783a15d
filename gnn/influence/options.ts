/** Command-line options shared by `influence` and `train influence`, and their translation. */
import { UsageError, type OptionSpec, type Options } from '../core/command';
import { DAY_MS } from '../core/activity-log';
import type { InfluenceTrainOptions } from './pipeline';

export function trainOptionSpecs(D: InfluenceTrainOptions): OptionSpec[] {
  return [
    { name: 'window', type: 'number', default: D.windowMs / DAY_MS, description: "W: days after u's action within which a follower's action counts" },
    { name: 'period', type: 'number', default: D.periodMs / DAY_MS, description: 'days of the period the model predicts' },
    { name: 'snapshots', type: 'number', default: D.snapshots, description: 'past snapshots to train on' },
    { name: 'stride', type: 'number', default: D.strideMs / DAY_MS, description: 'days between training snapshots' },
    { name: 'epochs', type: 'number', default: D.epochs, description: 'max epochs (the count is chosen on the latest snapshot)' },
    { name: 'members', type: 'number', default: D.members, description: 'models averaged (different seeds)' },
    { name: 'hidden', type: 'number', default: D.hp.hidden, description: 'hidden size' },
    { name: 'layers', type: 'number', default: D.hp.layers, description: 'message-passing layers' },
    { name: 'lr', type: 'number', default: D.hp.lr, description: 'Adam learning rate' },
    { name: 'l2', type: 'number', default: D.hp.l2, description: 'L2 weight' },
    { name: 'seed', type: 'number', default: D.seed, description: 'random seed (weight initialisation)' },
  ];
}

export function trainOptions(o: Options, evalEvery: number): InfluenceTrainOptions {
  const days = (name: string, value: number) => {
    if (!(value > 0)) throw new UsageError(`--${name} must be a positive number of days, got ${value}`);
    return value * DAY_MS;
  };
  return {
    windowMs: days('window', o.window as number),
    periodMs: days('period', o.period as number),
    snapshots: o.snapshots as number,
    strideMs: days('stride', o.stride as number),
    epochs: o.epochs as number,
    evalEvery,
    members: o.members as number,
    hp: { hidden: o.hidden as number, layers: o.layers as number, lr: o.lr as number, l2: o.l2 as number },
    seed: o.seed as number,
  };
}
