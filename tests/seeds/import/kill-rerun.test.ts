/**
 * An import killed (SIGKILL) at any moment leaves a consistent store, checked right after each kill
 * and before any rerun: every review has exactly its author and product edges carrying its sort
 * keys, every product its category edge, and every product's counters match its reviews. Killed
 * once while reviews load and once while follows load, a rerun completes the import without
 * duplicating anything (issue #13's importer item). Opening the store after a kill during a chunk's
 * commit recounts the product counters (src/store/ladybug/bulk-repair.ts): without that, LadybugDB
 * kept a killed chunk's counter updates without its copied reviews in this test. A kill inside the
 * checkpoint a chunk's COPY forces can also leave ghost primary keys, which the same open repairs by
 * rebuilding the table; tests/store/ladybug/ghost-key-bug.test.ts kills at that point on purpose.
 * The same open removes the CSV files the killed import staged in the data directory.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from '../../support/node-test';
import { generateCsv } from '../../../bench/generate-csv';
import { LadybugRunner } from '../../../src/store/ladybug/runner';
import { openStore } from '../../../src/store/open';
import { STAGING } from '../../../src/store/ladybug/staging';

const SIZE = { users: 400, products: 600, categories: 5, reviews: 20_000, follows: 10_000 };
let dir: string;

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kill-rerun-'));
  await generateCsv(path.join(dir, 'csv'), SIZE);
});
after(() => rm(dir, { recursive: true, force: true }));

/** Runs the import CLI in 500-row transactions; with `killOn`, SIGKILLs it `delayMs` after its output first matches. */
function importCli(killOn?: RegExp, delayMs = 0): Promise<{ killed: boolean; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', '--csv', path.join(dir, 'csv'), '--chunk', '500'], {
    env: { ...process.env, DATA_DIR: path.join(dir, 'data'), NEO4J_URI: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let armed = false;
  const take = (chunk: Buffer) => {
    output += chunk.toString();
    if (armed || !killOn?.test(output)) return;
    armed = true;
    setTimeout(() => child.kill('SIGKILL'), delayMs);
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ killed: signal === 'SIGKILL', output: `${output}\nexit ${code}` })));
}

/** The store as the next start sees it: opened as a server opens it (recovery included), then read directly. */
async function graphState() {
  await (await openStore({ dataDir: path.join(dir, 'data'), neo4j: null })).close();
  const db = await LadybugRunner.open(path.join(dir, 'data', 'graph.lbug'));
  try {
    const n = async (q: string) => Number((await db.read(`${q} RETURN count(*) AS n`))[0].n);
    return {
      reviews: await n('MATCH (r:Review)'),
      wrote: await n('MATCH (:User)-[:WROTE]->(:Review)'),
      reviewsEdges: await n('MATCH (:Review)-[:REVIEWS]->(:Product)'),
      products: await n('MATCH (p:Product)'),
      inCategory: await n('MATCH (:Product)-[:IN_CATEGORY]->(:Category)'),
      follows: await n('MATCH (:User)-[:FOLLOWS]->(:User)'),
      duplicatePairs: await n('MATCH (r:Review) WITH r.authorProduct AS k, count(*) AS c WHERE c > 1'),
      wrongEdgeKeys: await n(
        'MATCH (:User)-[w:WROTE]->(r:Review)-[e:REVIEWS]->(:Product) ' +
          'WHERE w.reviewId <> r.id OR e.reviewId <> r.id OR w.rating <> r.rating OR e.rating <> r.rating OR e.createdAt <> r.createdAt OR e.helpfulVotes <> r.helpfulVotes',
      ),
      wrongCounters: await n(
        'MATCH (p:Product) OPTIONAL MATCH (p)<-[:REVIEWS]-(r:Review) WITH p, count(r) AS c, coalesce(sum(r.rating), 0) AS s ' +
          'WHERE c <> p.reviewCount OR s <> p.ratingSum',
      ),
    };
  } finally {
    await db.close();
  }
}

type State = Awaited<ReturnType<typeof graphState>>;

function assertConsistent(s: State, when: string): void {
  assert.deepEqual(
    { wrote: s.wrote, reviewsEdges: s.reviewsEdges, inCategory: s.inCategory, duplicatePairs: s.duplicatePairs, wrongEdgeKeys: s.wrongEdgeKeys, wrongCounters: s.wrongCounters },
    { wrote: s.reviews, reviewsEdges: s.reviews, inCategory: s.products, duplicatePairs: 0, wrongEdgeKeys: 0, wrongCounters: 0 },
    when,
  );
}

test('killed while reviews load and again while follows load, the store is consistent each time, and a rerun completes it', { timeout: 300_000 }, async () => {
  const first = await importCli(/write reviews/);
  assert.ok(first.killed, `the import was to be killed mid-way:\n${first.output}`);
  const staged = path.join(dir, 'data', STAGING);
  assert.ok((await readdir(staged)).some((d) => d.startsWith('reviews-')), 'the killed import left its staged review files');
  const cut = await graphState();
  // The open may stage a table rebuild of its own there (removed when done), so only the import's files are checked.
  const left = existsSync(staged) ? await readdir(staged) : [];
  assert.equal(left.length, 0, `opening the store cleared what the killed import staged: ${left.join(' ')}`);
  assertConsistent(cut, 'right after the kill during reviews');
  assert.equal(cut.products, SIZE.products, 'products were loaded before reviews');
  assert.ok(cut.reviews < SIZE.reviews, `the kill landed while reviews were loading (${cut.reviews} stored)`);

  const second = await importCli(/write follows/);
  assert.ok(second.killed, `the rerun was to be killed mid-way:\n${second.output}`);
  const cut2 = await graphState();
  assertConsistent(cut2, 'right after the kill during follows');
  assert.equal(cut2.reviews, SIZE.reviews, 'the rerun stored the remaining reviews before follows');
  assert.ok(cut2.follows < SIZE.follows, `the kill landed before the follows were complete (${cut2.follows} stored)`);

  const third = await importCli();
  assert.match(third.output, /exit 0/);
  const done = await graphState();
  assertConsistent(done, 'after the rerun');
  assert.deepEqual(
    { reviews: done.reviews, products: done.products, follows: done.follows },
    { reviews: SIZE.reviews, products: SIZE.products, follows: SIZE.follows },
  );
});
