/**
 * The gnn commands of every model kind. Keyed by the contract's ModelKind, so a kind added there
 * without its folder's commands does not compile. `train <kind>` is what trainModel runs.
 */
import type { ModelKind } from '../src/store/contract';
import type { Command } from './core/command';
import { forecastCommand } from './forecast/offline/command';
import { trainForecastCommand } from './forecast/train-command';
import { influenceCommand } from './influence/offline/command';
import { trainInfluenceCommand } from './influence/train-command';
import { recommendCommand } from './recommend/offline/command';
import { trainRecommendCommand } from './recommend/train-command';

export interface KindCommands {
  /** Offline evaluation on a dataset: `npm run gnn -- <kind>`. */
  evaluate: Command;
  /** Train on the configured store and publish: `npm run gnn -- train <kind>`. */
  train: Command;
}

export const KIND_COMMANDS: Record<ModelKind, KindCommands> = {
  recommend: { evaluate: recommendCommand, train: trainRecommendCommand },
  influence: { evaluate: influenceCommand, train: trainInfluenceCommand },
  forecast: { evaluate: forecastCommand, train: trainForecastCommand },
};
