import assert from 'node:assert/strict';
import test from '../../support/node-test';
import neo4j, { isInt, Record as Neo4jRecord } from 'neo4j-driver';
import { fromDriver, fromRecord, toDriverParams } from '../../../src/store/neo4j/values';

const { Date: Neo4jDate, DateTime, Duration, LocalDateTime, Node, Relationship } = neo4j.types;

test('integers become numbers, and unsafe ones throw instead of rounding', () => {
  assert.equal(fromDriver(neo4j.int(42)), 42);
  assert.equal(fromDriver(neo4j.int(-(2 ** 53 - 1))), -(2 ** 53 - 1));
  assert.throws(() => fromDriver(neo4j.int('9007199254740993')), RangeError);
});

test('scalars, null and undefined pass through as plain values', () => {
  assert.equal(fromDriver('a'), 'a');
  assert.equal(fromDriver(1.5), 1.5);
  assert.equal(fromDriver(true), true);
  assert.equal(fromDriver(null), null);
  assert.equal(fromDriver(undefined), null);
});

test('nodes and relationships become their normalised properties', () => {
  const user = new Node(neo4j.int(7), ['User'], { id: 'u1', joinedAt: neo4j.int(1_700_000_000_000) }, '4:x:7');
  assert.deepEqual(fromDriver(user), { id: 'u1', joinedAt: 1_700_000_000_000 });
  const follows = new Relationship(neo4j.int(1), neo4j.int(7), neo4j.int(8), 'FOLLOWS', { since: neo4j.int(5) });
  assert.deepEqual(fromDriver(follows), { since: 5 });
});

test('lists and maps are normalised recursively', () => {
  const value = { counts: [neo4j.int(1), neo4j.int(2)], nested: { n: neo4j.int(3), list: [{ m: neo4j.int(4) }] } };
  assert.deepEqual(fromDriver(value), { counts: [1, 2], nested: { n: 3, list: [{ m: 4 }] } });
});

test('temporal values become epoch milliseconds; zone-less ones are read as UTC', () => {
  const utc = Date.UTC(2024, 1, 29, 13, 45, 30, 123);
  const int = neo4j.int;
  assert.equal(fromDriver(new DateTime(int(2024), int(2), int(29), int(15), int(45), int(30), int(123_456_789), int(7200))), utc);
  assert.equal(fromDriver(new LocalDateTime(int(2024), int(2), int(29), int(13), int(45), int(30), int(123_000_000))), utc);
  assert.equal(fromDriver(new Neo4jDate(int(2024), int(2), int(29))), Date.UTC(2024, 1, 29));
});

test('values the model never stores are refused rather than passed on', () => {
  const int = neo4j.int;
  assert.throws(() => fromDriver(new Duration(int(1), int(0), int(0), int(0))), TypeError);
});

test('records become rows keyed by the RETURN names', () => {
  const record = new Neo4jRecord(['u', 'n'], [new Node(neo4j.int(1), ['User'], { id: 'u1' }), neo4j.int(2)]);
  assert.deepEqual(fromRecord(record), { u: { id: 'u1' }, n: 2 });
});

test('integer-valued parameters become driver Integers, recursively; others are kept', () => {
  const params = toDriverParams({
    skip: 20,
    price: 9.99,
    big: 2 ** 60,
    name: 'x',
    none: null,
    ids: [1, 2.5],
    row: { at: 1_700_000_000_000, tags: ['a'] },
  });
  assert.ok(isInt(params.skip) && params.skip.toNumber() === 20);
  assert.equal(params.price, 9.99);
  assert.equal(params.big, 2 ** 60, 'beyond the safe range a number stays a float, not a different integer');
  assert.equal(params.name, 'x');
  assert.equal(params.none, null);
  const [one, half] = params.ids as unknown[];
  assert.ok(isInt(one));
  assert.equal(half, 2.5);
  const row = params.row as { at: unknown; tags: unknown };
  assert.ok(isInt(row.at) && row.at.toNumber() === 1_700_000_000_000);
  assert.deepEqual(row.tags, ['a']);
});

test('parameters round-trip through both directions unchanged', () => {
  const params = { limit: 10, rows: [{ id: 'p1', price: 12.5, createdAt: 1_700_000_000_000 }] };
  assert.deepEqual(fromDriver(toDriverParams(params)), params);
});
