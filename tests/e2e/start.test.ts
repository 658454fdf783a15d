/**
 * `npm start` as a process: it serves the store in DATA_DIR (here one that is already seeded, so
 * the demo seed is skipped and the test stays fast) and exits cleanly on SIGTERM.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { test } from '../support/node-test';
import { openStore } from '../../src/store/open';
import { seedCommunity, USERS } from '../graphql/support/community';

test('npm start serves DATA_DIR and shuts down on SIGTERM', { timeout: 60_000 }, async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'scg-start-'));
  try {
    const store = await openStore({ dataDir, neo4j: null });
    await seedCommunity(store);
    // Closing releases the directory, so the server process can open it.
    await store.close();

    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', NEO4J_URI: '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const messages: string[] = [];
    const listening = new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`server exited early with ${code}: ${messages.join(' | ')}`)));
      createInterface({ input: child.stdout }).on('line', (line) => {
        const entry = JSON.parse(line) as { msg: string; url?: string };
        messages.push(entry.msg);
        if (entry.url) resolve(entry.url);
      });
    });
    try {
      const url = await listening;
      assert.ok(messages.some((m) => m.includes('demo seed skipped')), 'a seeded store is not seeded again');
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ users(first: 1) { totalCount } }' }),
      });
      assert.deepEqual(await res.json(), { data: { users: { totalCount: USERS } } });
    } finally {
      if (child.exitCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        const [code] = await exited;
        assert.equal(code, 0, 'clean exit on SIGTERM');
      }
    }
    assert.ok(messages.includes('shutting down'));
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
