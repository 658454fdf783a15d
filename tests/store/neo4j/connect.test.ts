import assert from 'node:assert/strict';
import test from '../../support/node-test';
import { openNeo4jRunner } from '../../../src/store/neo4j/connect';

// Port 1 on the loopback is closed, so the driver fails fast without any server on this machine.
test('an unreachable server fails at open, naming the URI', async () => {
  await assert.rejects(
    openNeo4jRunner({ uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: 'secret' }),
    (error: Error) => error.message.startsWith('Cannot connect to Neo4j at bolt://127.0.0.1:1 (user neo4j)') && !error.message.includes('secret'),
  );
});

test('a malformed URI fails at open, naming it', async () => {
  await assert.rejects(openNeo4jRunner({ uri: 'http://127.0.0.1:7474', user: 'neo4j', password: '' }), /Cannot connect to Neo4j at http:\/\/127\.0\.0\.1:7474/);
});
