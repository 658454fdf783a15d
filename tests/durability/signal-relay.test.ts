/**
 * Why `npm start` execs node with the tsx loader instead of running the tsx CLI: the CLI relays
 * SIGTERM to its child and SIGKILLs it when the child does not report the signal within 30 ms
 * (twice), which a busy server cannot promise, so its shutdown (and the store's checkpoint) never
 * runs. The child here blocks its event loop, as a server under load does. If the first test starts
 * failing, tsx changed its relay.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from '../support/node-test';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let dir: string;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'scg-relay-'));
  await writeFile(
    path.join(dir, 'busy.ts'),
    `process.on('SIGTERM', () => { console.log('stopping'); setTimeout(() => { console.log('stopped'); process.exit(0); }, 50); });
     console.log('ready');
     setInterval(() => { const end = Date.now() + 1000; while (Date.now() < end) {} }, 1);`,
  );
});
after(() => rm(dir, { recursive: true, force: true }));

/** Starts `args` in its own process group, SIGTERMs the group once the child is up, returns its output. */
async function groupTerm(args: string[]): Promise<string> {
  const child = spawn(args[0], args.slice(1), { cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (out += c));
  const exited = once(child, 'exit');
  while (!out.includes('ready')) await new Promise((r) => setTimeout(r, 20));
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
  return out;
}

test('under the tsx CLI a busy child is SIGKILLed before its SIGTERM handler runs', { timeout: 60_000 }, async () => {
  const out = await groupTerm([path.join(ROOT, 'node_modules/.bin/tsx'), 'busy.ts']);
  assert.doesNotMatch(out, /stopping/);
});

test('node with the tsx loader (what npm start runs) lets the handler stop cleanly', { timeout: 60_000 }, async () => {
  const loader = new URL('file://' + path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
  const out = await groupTerm([process.execPath, '--import', loader, 'busy.ts']);
  assert.match(out, /stopping\s+stopped/);
  const start = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')).scripts.start as string;
  assert.match(start, /^exec node --import tsx /, 'npm start execs node itself');
});
