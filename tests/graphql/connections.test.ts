import assert from 'node:assert/strict';
import { test } from '../support/node-test';
import { parse, type FieldNode, type GraphQLResolveInfo, type OperationDefinitionNode } from 'graphql';
import { DomainError } from '../../src/domain/errors';
import { connection, DEFAULT_PAGE_SIZE, toPage } from '../../src/graphql/connections';
import { encodeCursor } from '../../src/graphql/cursor';
import type { Page } from '../../src/store/contract';

const MAX = 100;
/** Just enough resolve info for a connection field selecting `selection`. */
function infoFor(selection: string): GraphQLResolveInfo {
  const operation = parse(`{ list ${selection} }`).definitions[0] as OperationDefinitionNode;
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments: {} } as unknown as GraphQLResolveInfo;
}
const EDGES = infoFor('{ totalCount edges { node } pageInfo { hasNextPage } }');

/** `cursor` with `from` in its payload replaced by `to`, the signature kept. */
function forge(cursor: string, from: string, to: string): string {
  const bytes = Buffer.from(cursor, 'base64url');
  return Buffer.concat([bytes.subarray(0, 12), Buffer.from(bytes.subarray(12).toString().replace(from, to))]).toString('base64url');
}

const noCount = async (): Promise<number> => assert.fail('count must not be needed');

/** A list of `total` numbers, answering pages like the store does. */
function list(total: number) {
  const pages: Page[] = [];
  const fetch = async (page: Page) => {
    pages.push(page);
    const items = Array.from({ length: Math.max(0, Math.min(page.limit, total - page.offset)) }, (_, i) => page.offset + i);
    return { items, totalCount: total };
  };
  return { fetch, pages };
}

test('first/after page forward from the cursor', async () => {
  assert.deepEqual(await toPage({}, MAX, noCount), { offset: 0, limit: DEFAULT_PAGE_SIZE });
  assert.deepEqual(await toPage({ first: 5 }, MAX, noCount), { offset: 0, limit: 5 });
  assert.deepEqual(await toPage({ first: 5, after: encodeCursor(4) }, MAX, noCount), { offset: 5, limit: 5 });
  assert.deepEqual(await toPage({ first: 5, after: encodeCursor(4), before: encodeCursor(7) }, MAX, noCount), { offset: 5, limit: 2 });
});

test('last/before page backward; last alone asks for the count first', async () => {
  assert.deepEqual(await toPage({ last: 3, before: encodeCursor(10) }, MAX, noCount), { offset: 7, limit: 3 });
  assert.deepEqual(await toPage({ last: 30, before: encodeCursor(10) }, MAX, noCount), { offset: 0, limit: 10 });
  assert.deepEqual(await toPage({ last: 3 }, MAX, async () => 42), { offset: 39, limit: 3 });
  assert.deepEqual(await toPage({ last: 5, after: encodeCursor(40) }, MAX, async () => 42), { offset: 41, limit: 1 });
});

test('page sizes above the maximum, negative sizes, first with last and forged cursors are BAD_USER_INPUT', async () => {
  const cases: [Parameters<typeof toPage>[0], string][] = [
    [{ first: MAX + 1 }, 'first'],
    [{ last: MAX + 1 }, 'last'],
    [{ first: -1 }, 'first'],
    [{ first: 1, last: 1 }, 'last'],
    [{ after: 'nonsense' }, 'after'],
    [{ before: Buffer.from('offset:-3').toString('base64url') }, 'before'],
    // Forged: the old unsigned form, a signed cursor with its offset or signature changed, truncated.
    [{ after: Buffer.from('offset:10000').toString('base64url') }, 'after'],
    [{ after: forge(encodeCursor(4), '4', '9') }, 'after'],
    [{ after: forge(encodeCursor(4), '4', '04') }, 'after'],
    [{ before: encodeCursor(1234).slice(0, -2) }, 'before'],
    [{ after: `${encodeCursor(4)}=` }, 'after'],
  ];
  for (const [args, field] of cases) {
    await assert.rejects(toPage(args, MAX, async () => 10), (err: unknown) => {
      assert.ok(err instanceof DomainError, `${JSON.stringify(args)} throws a DomainError`);
      assert.equal(err.code, 'BAD_USER_INPUT');
      assert.equal(err.field, field);
      return true;
    });
  }
  await assert.rejects(toPage({ first: MAX + 1 }, MAX, noCount), /at most 100/, 'the message names the maximum');
});

test('connection: edges, cursors and pageInfo both ways', async () => {
  const forward = await connection({ first: 2, after: encodeCursor(0) }, EDGES, MAX, list(5).fetch);
  assert.deepEqual(forward.edges.map((e) => e.node), [1, 2]);
  assert.deepEqual(forward.pageInfo, {
    hasPreviousPage: true,
    hasNextPage: true,
    startCursor: encodeCursor(1),
    endCursor: encodeCursor(2),
  });
  assert.equal(forward.totalCount, 5);

  const { fetch, pages } = list(5);
  const backward = await connection({ last: 2 }, EDGES, MAX, fetch);
  assert.deepEqual(pages, [{ offset: 0, limit: 0 }, { offset: 3, limit: 2 }], 'count only, then the page');
  assert.deepEqual(backward.edges.map((e) => e.node), [3, 4]);
  assert.equal(backward.pageInfo.hasNextPage, false);
  assert.equal(backward.pageInfo.hasPreviousPage, true);

  const empty = await connection({ first: 0 }, EDGES, MAX, list(5).fetch);
  assert.deepEqual(empty.edges, []);
  assert.equal(empty.totalCount, 5);
  assert.equal(empty.pageInfo.startCursor, null);
});

test('a selection of only totalCount fetches the count alone', async () => {
  const { fetch, pages } = list(50);
  const counted = await connection({ first: 10 }, infoFor('{ totalCount __typename }'), MAX, fetch);
  assert.equal(counted.totalCount, 50);
  assert.deepEqual(pages, [{ offset: 0, limit: 0 }]);
  await assert.rejects(connection({ first: MAX + 1 }, infoFor('{ totalCount }'), MAX, fetch), /at most/, 'arguments are still checked');
});
