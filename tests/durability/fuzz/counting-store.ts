/**
 * A LadybugDB store in a temporary directory whose runner counts write transactions, opened and
 * committed. A mutation that failed and committed none wrote nothing; one that opened a
 * transaction and rolled it back is checked against a fingerprint of the data.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Store } from '../../../src/store/contract';
import { cypherStore } from '../../../src/store/cypher/store';
import { LadybugRunner } from '../../../src/store/ladybug/runner';

export interface WriteCounts {
  opened: number;
  committed: number;
}

export interface CountingStore {
  store: Store;
  writes: Readonly<WriteCounts>;
  cleanup(): Promise<void>;
}

export async function countingStore(): Promise<CountingStore> {
  const dir = await mkdtemp(path.join(tmpdir(), 'scg-fuzz-'));
  const runner = await LadybugRunner.open(path.join(dir, 'graph.lbug'), { readers: 2 });
  const writes: WriteCounts = { opened: 0, committed: 0 };
  const write = runner.write.bind(runner);
  runner.write = async (work) => {
    writes.opened++;
    const result = await write(work);
    writes.committed++;
    return result;
  };
  const store = cypherStore('ladybug', runner);
  return {
    store,
    writes,
    async cleanup() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
