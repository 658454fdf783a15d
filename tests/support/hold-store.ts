/**
 * `node --import tsx tests/support/hold-store.ts <dataDir>`: opens the store in that directory,
 * prints "ready", and holds it until stdin closes, as a running server would.
 */
import { openStore } from '../../src/store/open';

const store = await openStore({ dataDir: process.argv[2], neo4j: null });
process.stdout.write('ready\n');
process.stdin.resume();
process.stdin.on('end', () => void store.close().then(() => process.exit(0)));
