/**
 * Fuzz test: FUZZ_CASES (default 10,000) seeded hostile requests against the real HTTP server on
 * a free port. Every answer must be below 500, GraphQL-shaped JSON (`data` and/or `errors`; 4xx
 * always with `errors`), never a masked internal error; a failed mutation must commit no
 * transaction (and one it rolled back must leave the data as it was); queries commit nothing; and
 * the server must still answer at the end. About 15% of the cases page with hostile cursors
 * (forged, truncated, random, and signed ones at offsets up to 2^53) or ask node(id) for ids of
 * every kind; the server runs in this process, so an engine crash fails the test outright.
 */
import assert from 'node:assert/strict';
import { test } from '../support/node-test';
import { Rng } from '../../seeds/random';
import { createSchema } from '../../src/graphql/schema';
import { BODY_LIMIT_BYTES, startServer } from '../../src/server/app';
import { testConfig } from '../graphql/support/api';
import { categoryId, handleOf, productId, seedCommunity, userId } from '../graphql/support/community';
import { CaseGenerator, type FuzzCase } from './fuzz/cases';
import { countingStore } from './fuzz/counting-store';
import { fingerprint } from './fuzz/snapshot';
import type { Pool } from './fuzz/values';

const CASES = Number(process.env.FUZZ_CASES ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 1);
const EXAMPLES = 10;

const pool: Pool = {
  ids: {
    User: [0, 1, 2, 3, 4].map(userId),
    Product: [0, 1, 2, 3].map(productId),
    Category: [0, 1, 2].map(categoryId),
    Review: ['r00-0', 'r01-1', 'r02-2', 'r03-3', 'r05-0'],
    Share: ['s00', 's01', 's02'],
  },
  handles: [0, 1, 2, 3, 4].map(handleOf),
};

interface Answer {
  status: number;
  /** Parsed JSON body, or undefined when there was none or it was not JSON. */
  json?: unknown;
  text: string;
}

async function send(url: URL, c: FuzzCase): Promise<Answer> {
  const res = await fetch(new URL(c.path, url), { method: c.method, headers: c.headers, body: c.body });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

type ErrorBody = { message?: unknown; extensions?: { code?: unknown } };

/** Why the answer is not acceptable, or null. */
function problem(c: FuzzCase, a: Answer): string | null {
  if (a.status >= 500) return `status ${a.status}`;
  if (c.method === 'HEAD' || c.method === 'OPTIONS' || a.status === 204) return null;
  if (!a.json || typeof a.json !== 'object' || Array.isArray(a.json)) return `not a JSON object: ${a.text.slice(0, 120)}`;
  const body = a.json as { data?: unknown; errors?: ErrorBody[] };
  const unknownKeys = Object.keys(body).filter((k) => !['data', 'errors', 'extensions'].includes(k));
  if (unknownKeys.length) return `unexpected keys ${unknownKeys.join(', ')}`;
  if (body.errors !== undefined) {
    if (!Array.isArray(body.errors) || body.errors.length === 0) return 'errors is not a non-empty list';
    if (body.errors.some((e) => typeof e?.message !== 'string')) return 'an error without a message';
    if (body.errors.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR')) return 'INTERNAL_SERVER_ERROR';
  }
  if (a.status >= 400 && body.errors === undefined) return `${a.status} without errors`;
  if (a.status === 200 && body.data === undefined && body.errors === undefined) return '200 with neither data nor errors';
  return null;
}

/**
 * Whether the (single) mutation field ran to completion. An error deeper in its payload (say a bad
 * cursor on a nested connection) nulls `data` through non-null fields, yet the write happened.
 */
function mutationSucceeded(a: Answer): boolean {
  const body = a.json as { data?: Record<string, unknown> | null; errors?: { path?: unknown[] }[] } | undefined;
  if (body?.data && Object.values(body.data).some((v) => v !== null)) return true;
  return !!body?.errors?.length && body.errors.every((e) => Array.isArray(e.path) && e.path.length > 1);
}

function outcome(a: Answer): string {
  const body = a.json as { data?: unknown; errors?: ErrorBody[] } | undefined;
  const code = body?.errors?.[0]?.extensions?.code;
  return `${a.status} ${typeof code === 'string' ? code : body?.errors ? 'error without code' : body?.data ? 'data' : 'no body'}`;
}

test(`${CASES} fuzzed requests: no 5xx, GraphQL-shaped answers, failed mutations write nothing`, { timeout: 600_000 }, async () => {
  const { store, writes, cleanup } = await countingStore();
  try {
    await seedCommunity(store);
    const server = await startServer(testConfig({ rateLimit: { ipPerMinute: 0, tokenPerMinute: 0 } }), store);
    try {
      const url = new URL(server.url);
      const cases = new CaseGenerator(new Rng(SEED), await createSchema(), pool, BODY_LIMIT_BYTES);
      const byOutcome = new Map<string, number>();
      const byKind = new Map<string, number>();
      const bad: string[] = [];
      const wrote: string[] = [];
      let failedMutations = 0;
      let rolledBack = 0;
      let baseline = await fingerprint(store, pool);

      for (let i = 0; i < CASES; i++) {
        const c = cases.next();
        const before = { ...writes };
        const answer = await send(url, c);
        const key = outcome(answer);
        byOutcome.set(key, (byOutcome.get(key) ?? 0) + 1);
        byKind.set(c.kind, (byKind.get(c.kind) ?? 0) + 1);
        const why = problem(c, answer);
        if (why && bad.length < EXAMPLES) bad.push(`#${i} ${c.kind} ${c.method} ${c.path.slice(0, 60)}: ${why}\n  ${describe(c)}`);

        const committed = writes.committed - before.committed;
        const opened = writes.opened - before.opened;
        if (c.mutation && !mutationSucceeded(answer)) {
          failedMutations++;
          // Rolled-back transactions are rare enough to compare the data itself.
          if (opened > committed) rolledBack++;
          const after = opened > committed ? await fingerprint(store, pool) : baseline;
          if ((committed > 0 || after.counts !== baseline.counts || after.checksum !== baseline.checksum) && wrote.length < EXAMPLES) {
            wrote.push(`#${i} ${key}: ${committed} commit(s), counts ${baseline.counts} -> ${after.counts}\n  ${describe(c)}`);
          }
        } else if (!c.mutation && committed > 0 && wrote.length < EXAMPLES) {
          wrote.push(`#${i} a query committed ${committed} write(s)\n  ${describe(c)}`);
        }
        if (committed > 0) baseline = await fingerprint(store, pool);
      }

      const alive = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      console.log(
        `fuzz: ${CASES} cases (seed ${SEED}); ${failedMutations} failed mutations, ${rolledBack} of them rolled back a transaction\n` +
          `  by kind: ${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}\n` +
          `  by outcome:\n${[...byOutcome].sort((a, b) => b[1] - a[1]).map(([k, n]) => `    ${String(n).padStart(6)}  ${k}`).join('\n')}`,
      );
      assert.deepEqual(bad, [], 'every answer is below 500 and GraphQL-shaped');
      assert.deepEqual(wrote, [], 'failed mutations and queries write nothing');
      assert.deepEqual(await alive.json(), { data: { __typename: 'Query' } }, 'the server still answers');
    } finally {
      await server.close();
    }
  } finally {
    await cleanup();
  }
});

function describe(c: FuzzCase): string {
  const body = c.body === undefined ? '' : typeof c.body === 'string' ? c.body : `<${c.body.length} bytes>`;
  return `${JSON.stringify(c.headers)} ${body.length > 300 ? `${body.slice(0, 300)}... (${body.length} chars)` : body}`;
}
