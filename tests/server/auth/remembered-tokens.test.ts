import assert from 'node:assert/strict';
import { test } from '../../support/node-test';
import { rememberVerified } from '../../../src/server/auth/remembered-tokens';

test('a verified token is remembered until it expires; failures are not remembered', async () => {
  let clock = 0;
  const checked: string[] = [];
  const verify = rememberVerified(
    async (token) => {
      checked.push(token);
      if (token === 'bad' || clock >= 1_000) throw new Error(`${token} refused`);
      return { viewer: { userId: token, roles: ['user'] }, expiresAt: 1_000 };
    },
    2,
    () => clock,
  );
  assert.equal((await verify('a')).userId, 'a');
  assert.equal((await verify('a')).userId, 'a');
  await assert.rejects(verify('bad'));
  await assert.rejects(verify('bad'));
  assert.deepEqual(checked, ['a', 'bad', 'bad']);

  await verify('b');
  await verify('c'); // over 2 entries: 'a', the oldest, is forgotten
  await verify('a');
  assert.deepEqual(checked.slice(3), ['b', 'c', 'a']);

  clock = 1_000;
  await assert.rejects(verify('c'), /refused/, 'an expired token is verified again, and fails');
});
