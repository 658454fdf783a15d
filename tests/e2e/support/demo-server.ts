/**
 * The server as `npm start` runs it, on a small demo community: a temporary store seeded by
 * seedDemoIfEmpty, served on a free port.
 */
import path from 'node:path';
import { DEMO_TRUTH_FILE, seedDemoIfEmpty } from '../../../seeds/demo';
import type { GeneratorOptions } from '../../../seeds/generator';
import { startServer, type RunningServer } from '../../../src/server/app';
import type { Config } from '../../../src/server/config';
import { trainCommand, type TrainingCommand } from '../../../src/server/training-jobs';
import type { BulkCounts } from '../../../src/store/contract';
import { tempStore } from '../../support/store';
import { testConfig } from '../../graphql/support/api';

const SMALL_DEMO: Partial<GeneratorOptions> = {
  users: 200,
  products: 60,
  categories: 5,
  reviews: 1200,
  follows: 1500,
  shares: 150,
  communities: 3,
  influencers: 3,
};

export interface DemoServer {
  server: RunningServer;
  counts: BulkCounts;
  close(): Promise<void>;
}

/**
 * Real training (the gnn CLI) with fewer epochs, fits and backtest weeks than the defaults, so
 * browser tests that need trained models stay cheap on a shared CI machine.
 */
const LIGHT_FLAGS: Record<string, string[]> = {
  forecast: ['--epochs', '50', '--evaluation-weeks', '4'],
  influence: [], // a closed-form fit: nothing to shorten
  recommend: ['--epochs', '20'],
};
export const lightTraining: TrainingCommand = (kind) => {
  const [bin, args] = trainCommand(kind);
  return [bin, [...args, ...LIGHT_FLAGS[kind]]];
};

/** Model files (from training jobs) go to the temporary directory too. */
export async function startDemoServer(config: Partial<Config> = {}, training: TrainingCommand = lightTraining): Promise<DemoServer> {
  const temp = await tempStore();
  const seeded = await seedDemoIfEmpty(temp.store, { truthFile: path.join(temp.dir, DEMO_TRUTH_FILE), options: SMALL_DEMO });
  const server = await startServer(testConfig({ modelDir: path.join(temp.dir, 'models'), ...config }), temp.store, undefined, training);
  return {
    server,
    counts: seeded.counts,
    async close() {
      await server.close();
      await temp.cleanup();
    },
  };
}
