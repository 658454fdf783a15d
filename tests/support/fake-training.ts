/**
 * A stand-in for `gnn/cli.ts train <kind>` in tests: publishes a tiny run of that kind through
 * the server named by TRAINING_SERVER_URL with TRAINING_TOKEN, exactly as real training does.
 */
import type { ModelKind } from '../../src/store/contract';
import { remoteTrainingStore } from '../../src/store/remote/remote-training-store';

const kind = process.argv[2] as ModelKind;
const store = remoteTrainingStore(process.env.TRAINING_SERVER_URL!, process.env.TRAINING_TOKEN);
let users = 0;
for await (const batch of store.snapshot.users()) users += batch.length;
await store.models.publish({ kind, version: `fake-${kind}`, createdAt: Date.now(), metadata: { users } }, [[{ entityId: 'alice', data: {} }]]);
console.log(`published fake-${kind} after reading ${users} users, GNN_THREADS=${process.env.GNN_THREADS}`);
