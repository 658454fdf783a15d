/**
 * `node --import tsx tests/e2e/support/seed-dir.ts <dataDir>`: loads the test community into a
 * LadybugDB directory in a process of its own, because a closed store's directory stays locked
 * for other processes until the process that opened it exits.
 */
import { openStore } from '../../../src/store/open';
import { seedCommunity } from '../../graphql/support/community';

const store = await openStore({ dataDir: process.argv[2], neo4j: null });
await seedCommunity(store);
await store.close();
