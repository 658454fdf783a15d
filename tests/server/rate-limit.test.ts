import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { test } from '../support/node-test';
import { clientAddress, createRateLimit, TokenBuckets } from '../../src/server/rate-limit';

test('a bucket allows its burst, then says how long to wait, and refills evenly', () => {
  let now = 0;
  const buckets = new TokenBuckets(60, () => now); // one token a second
  for (let i = 0; i < 60; i++) assert.equal(buckets.take('a'), 0);
  assert.equal(buckets.take('a'), 1);
  assert.equal(buckets.take('b'), 0, 'keys are independent');
  now += 2_500;
  assert.equal(buckets.take('a'), 0);
  assert.equal(buckets.take('a'), 0);
  assert.equal(buckets.take('a'), 1);
});

const request = (address: string, headers: Record<string, string> = {}) => ({ headers, socket: { remoteAddress: address } }) as unknown as IncomingMessage;

test('limits apply per address and per credential; 0 turns a limit off', () => {
  const now = () => 0;
  const limit = createRateLimit({ rateLimit: { ipPerMinute: 3, tokenPerMinute: 2 }, trustProxy: false }, now);
  const token = { authorization: 'Bearer t1' };
  assert.deepEqual([limit(request('1.1.1.1', token)), limit(request('1.1.1.2', token)), limit(request('1.1.1.3', token))], [0, 0, 30]);
  assert.deepEqual([limit(request('1.1.1.1')), limit(request('1.1.1.1')), limit(request('1.1.1.1'))], [0, 0, 20]);

  const off = createRateLimit({ rateLimit: { ipPerMinute: 0, tokenPerMinute: 0 }, trustProxy: false }, now);
  for (let i = 0; i < 100; i++) assert.equal(off(request('1.1.1.1', token)), 0);
});

test('x-forwarded-for names the client only behind a trusted proxy', () => {
  const req = request('10.0.0.1', { 'x-forwarded-for': '203.0.113.7, 10.0.0.1' });
  assert.equal(clientAddress(req, false), '10.0.0.1');
  assert.equal(clientAddress(req, true), '203.0.113.7');
});
