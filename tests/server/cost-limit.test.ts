/**
 * The cost model on its own (src/server/cost-limit.ts): page sizes count whether they are written
 * as literals, variables, variable defaults or left to the argument's or the connection's default.
 */
import assert from 'node:assert/strict';
import { test } from '../support/node-test';
import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { createSchema } from '../../src/graphql/schema';
import { operationCost } from '../../src/server/cost-limit';

const schema = await createSchema();

function cost(query: string, variables: Record<string, unknown> = {}): number {
  const doc = parse(query);
  const operation = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return operationCost({ schema, operation, fragments, variables, maxPageSize: 100 });
}

test('armor’s weights: 2 per object field, 1 per scalar, 1.5 per level, times the page size', () => {
  // users(first: 2) { edges { node { handle } } } = 2 × (2 + 1.5 × (2 + 1.5 × (2 + 1.5 × 1)))
  assert.equal(cost('{ users(first: 2) { edges { node { handle } } } }'), 2 * (2 + 1.5 * (2 + 1.5 * (2 + 1.5))));
  assert.equal(cost('{ users(first: 2) { totalCount } }'), 2 * (2 + 1.5));
});

test('variables, variable defaults, argument defaults and the default page size all multiply', () => {
  const literal = cost('{ users(first: 7) { edges { node { handle } } } }');
  assert.equal(cost('query ($n: Int) { users(first: $n) { edges { node { handle } } } }', { n: 7 }), literal);
  assert.equal(cost('query ($n: Int = 7) { users(first: $n) { edges { node { handle } } } }'), literal);
  assert.equal(cost('{ users { edges { node { handle } } } }'), cost('{ users(first: 20) { edges { node { handle } } } }'), 'a connection given no size pages by 20');
  assert.equal(cost('query ($n: Int) { users(first: $n) { totalCount } }', { n: null }), cost('{ users(first: 20) { totalCount } }'), 'null is unset');
  assert.equal(cost('{ users(last: 9) { totalCount } }'), cost('{ users(first: 9) { totalCount } }'));
  // Over the maximum page size the field refuses the argument itself, so it costs the maximum.
  assert.equal(cost('{ users(first: 100000) { totalCount } }'), cost('{ users(first: 100) { totalCount } }'));
  // Community.opinionLeaders(first: Int! = 5)
  const leaders = (args: string) => cost(`{ communities(first: 1) { edges { node { opinionLeaders${args} { handle } } } } }`);
  assert.equal(leaders(''), leaders('(first: 5)'), 'the schema default of first');
});

test('fragments count where they are spread; introspection is free', () => {
  const inline = cost('{ users(first: 3) { edges { node { handle bio } } } }');
  assert.equal(cost('{ users(first: 3) { edges { node { ...F } } } } fragment F on User { handle bio }'), inline);
  assert.equal(cost('{ users(first: 3) { edges { node { ... on User { handle bio } } } } }'), inline);
  assert.equal(cost('{ __schema { types { name } } }'), 0);
});
