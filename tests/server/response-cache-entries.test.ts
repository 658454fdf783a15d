/** The response cache's store of answers alone: invalidation by tag, answers begun before a write, the byte bound. */
import assert from 'node:assert/strict';
import { test } from '../support/node-test';
import { TaggedEntries } from '../../src/server/response-cache';
import { tags } from '../../src/store/changes';

const answer = (text: string) => ({ json: `${JSON.stringify({ data: { text } })}\n`, operationName: null });

test('a write drops exactly the answers that read what it changed', () => {
  const entries = new TaggedEntries(1 << 20);
  entries.set('p1', answer('product 1'), [tags.product('p1'), tags.reviewsOf('p1')], entries.now());
  entries.set('p2', answer('product 2'), [tags.product('p2')], entries.now());
  entries.set('recs', answer('recommendations'), [tags.anyWrite], entries.now());
  entries.invalidate([tags.reviewsOf('p1')]);
  assert.equal(entries.get('p1'), undefined);
  assert.deepEqual(entries.get('p2'), answer('product 2'));
  assert.equal(entries.get('recs'), undefined, 'anyWrite answers follow every write');
  entries.invalidate([tags.everything]);
  assert.equal(entries.size, 0);
  assert.equal(entries.bytes, 0);
});

test('an answer computed while a write to what it read committed is not kept', () => {
  const entries = new TaggedEntries(1 << 20);
  const since = entries.now();
  entries.invalidate([tags.user('u1')]);
  assert.equal(entries.set('profile', answer('old name'), [tags.user('u1')], since), false);
  assert.equal(entries.get('profile'), undefined);
  assert.equal(entries.set('other', answer('unrelated'), [tags.user('u2')], since), true, 'a write elsewhere does not matter');
  assert.equal(entries.set('profile', answer('new name'), [tags.user('u1')], entries.now()), true);
});

test('a request waiting for an answer may take it unless a write to what it read came before the request did', () => {
  const entries = new TaggedEntries(1 << 20);
  assert.equal(entries.changedBetween([tags.user('u1')], entries.now(), entries.now()), false, 'no writes at all');
  const since = entries.now();
  entries.invalidate([tags.user('u2')]);
  const before = entries.now(); // a waiter arriving here: only an unrelated write came since the start
  entries.invalidate([tags.user('u1')]);
  const after = entries.now(); // arriving here: the write to u1 came before it
  assert.equal(entries.changedBetween([tags.user('u1')], since, before), false);
  assert.equal(entries.changedBetween([tags.user('u1')], since, after), true);
  assert.equal(entries.changedBetween([tags.user('u3')], since, after), false);
  assert.equal(entries.changedBetween([tags.product('p1')], since, after), false);
  entries.invalidate([tags.everything]);
  assert.equal(entries.changedBetween([tags.product('p1')], since, entries.now()), true, 'a bulk load changes everything');
  for (let i = 0; i < 5_000; i++) entries.invalidate([tags.user(`x${i}`)]);
  const late = entries.now();
  entries.invalidate([tags.user('y')]);
  assert.equal(entries.changedBetween([tags.product('p1')], late, entries.now()), false);
  assert.equal(entries.changedBetween([tags.product('p1')], after, entries.now()), true, 'older than what is remembered: assume a change');
});

test('the cache holds at most its bytes, dropping the least recently used first', () => {
  const entries = new TaggedEntries(20_000);
  const big = 'x'.repeat(3_000); // ~6 KB as UTF-16
  for (const k of ['a', 'b', 'c']) entries.set(k, answer(big), [tags.user(k)], entries.now());
  entries.get('a'); // now the most recent
  entries.set('d', answer(big), [tags.user('d')], entries.now());
  assert.ok(entries.bytes <= 20_000, `${entries.bytes} bytes`);
  assert.equal(entries.get('b'), undefined, 'the least recently used went first');
  assert.ok(entries.get('a') && entries.get('d'));
  assert.equal(entries.set('huge', answer('y'.repeat(20_000)), [], entries.now()), false, 'an answer larger than the whole cache is not kept');
  // Dropped entries leave no tag index behind: invalidating their tags finds nothing.
  entries.invalidate([tags.user('b')]);
  assert.ok(entries.get('a'));
});
