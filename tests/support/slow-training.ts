/**
 * A stand-in for `gnn/cli.ts train <kind>` that publishes slowly (40 batches of 50 rows, 100 ms
 * apart) through the server named by TRAINING_SERVER_URL, so a test can kill it half-way. It
 * prints its pid first. The version is fixed, so a rerun publishes the same run again.
 */
import type { ModelKind } from '../../src/store/contract';
import { remoteTrainingStore } from '../../src/store/remote/remote-training-store';

export const SLOW_VERSION = 'slow-v1';
export const SLOW_BATCHES = 40;
export const SLOW_ROWS = 50;

if (process.env.TRAINING_SERVER_URL && process.argv[2]) {
  console.log(`pid ${process.pid}`);
  const store = remoteTrainingStore(process.env.TRAINING_SERVER_URL, process.env.TRAINING_TOKEN);
  async function* batches() {
    for (let b = 0; b < SLOW_BATCHES; b++) {
      yield Array.from({ length: SLOW_ROWS }, (_, i) => ({ entityId: `e${b}-${i}`, data: { b } }));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await store.models.publish({ kind: process.argv[2] as ModelKind, version: SLOW_VERSION, createdAt: Date.now(), metadata: {} }, batches());
  console.log('published');
}
