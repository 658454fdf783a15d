/**
 * Recovery from a damaged write-ahead log. A crash while a transaction is being appended leaves a
 * torn end: that transaction was never acknowledged, so the store cuts it off, says so, and opens.
 * Damage with committed transactions after it is refused, naming what opening would lose, unless
 * skipDamagedWal allows opening as of the damage.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, open, readFile, rm, stat, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from '../../support/node-test';
import { fileURLToPath } from 'node:url';
import { scanWal } from '../../../src/store/ladybug/wal';
import { openStore } from '../../../src/store/open';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const USERS = 5;
let template: string;
const dirs: string[] = [];

before(async () => {
  template = await mkdtemp(path.join(tmpdir(), 'scg-wal-'));
  dirs.push(template);
  // A process that commits USERS users, one transaction each, then dies without closing the store.
  const script = `
    import { openStore } from ${JSON.stringify(path.join(ROOT, 'src/store/open.ts'))};
    const store = await openStore({ dataDir: ${JSON.stringify(template)}, neo4j: null });
    for (let i = 0; i < ${USERS}; i++) await store.users.create({ handle: 'user_' + i, displayName: 'User ' + i }, { id: 'u' + i, at: i });
    process.kill(process.pid, 'SIGKILL');`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(child.signal, 'SIGKILL', child.stderr);
});
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function copy(): Promise<{ dir: string; wal: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'scg-wal-'));
  dirs.push(dir);
  await cp(template, dir, { recursive: true });
  return { dir, wal: path.join(dir, 'graph.lbug.wal') };
}

async function handles(dir: string, skipDamagedWal = false, log?: (m: string) => void): Promise<(string | null)[]> {
  const store = await openStore({ dataDir: dir, neo4j: null, ladybug: { skipDamagedWal, log } });
  try {
    return (await store.users.get(Array.from({ length: USERS }, (_, i) => `u${i}`))).map((u) => u?.handle ?? null);
  } finally {
    await store.close();
  }
}

test('a torn end (the last, unacknowledged transaction cut mid-record) is discarded and logged; the rest opens with default settings', async () => {
  const { dir, wal } = await copy();
  const size = (await stat(wal)).size;
  await truncate(wal, size - 40);
  const lines: string[] = [];
  assert.deepEqual(await handles(dir, false, (m) => lines.push(m)), ['user_0', 'user_1', 'user_2', 'user_3', null]);
  assert.match(lines.join('\n'), /discarded \d+ bytes after its last commit/);
});

test('a torn end between records is discarded and logged too', async () => {
  const { dir, wal } = await copy();
  const scan = scanWal(await readFile(wal));
  const lastCommit = scan.records.findLast((r) => r.type === 2)!;
  await truncate(wal, lastCommit.offset); // the last transaction without its COMMIT
  const lines: string[] = [];
  assert.deepEqual(await handles(dir, false, (m) => lines.push(m)), ['user_0', 'user_1', 'user_2', 'user_3', null]);
  assert.match(lines.join('\n'), /discarded \d+ bytes after its last commit/);
});

/** Overwrites the length of the first record of the transaction that created user_1. */
async function damageSecondUser(wal: string): Promise<number> {
  const buf = await readFile(wal);
  const at = buf.indexOf('user_1');
  const scan = scanWal(buf);
  const record = scan.records.findLast((r) => r.offset < at && r.type !== 1)!;
  const file = await open(wal, 'r+');
  await file.write(Buffer.from('ffffffff00000000', 'hex'), 0, 8, record.offset);
  await file.close();
  return scan.records.filter((r) => r.type === 2 && r.offset > record.offset).length;
}

test('damage before the end is refused, saying how many committed transactions opening would lose', async () => {
  const { dir, wal } = await copy();
  const committedAfter = await damageSecondUser(wal);
  const before = await readFile(wal);
  await assert.rejects(
    openStore({ dataDir: dir, neo4j: null }),
    new RegExp(`damaged at byte \\d+ of ${before.length}, before its end: .* would lose the transaction the damage is in and ${committedAfter - 1} committed transaction\\(s\\) after it .*LADYBUG_SKIP_DAMAGED_WAL=true`),
  );
  assert.deepEqual(await readFile(wal), before, 'the refusal changed nothing');
});

test('with skipDamagedWal the damaged log opens as of its last intact transaction', async () => {
  const { dir, wal } = await copy();
  await damageSecondUser(wal);
  const lines: string[] = [];
  assert.deepEqual(await handles(dir, true, (m) => lines.push(m)), ['user_0', null, null, null, null]);
  assert.match(lines.join('\n'), /dropped the damaged transaction and 3 committed after it/);
});
