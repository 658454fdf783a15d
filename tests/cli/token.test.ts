import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from '../support/node-test';
import { promisify } from 'node:util';
import { jwtVerifier } from '../../src/server/auth/jwt';

const run = promisify(execFile);
const SECRET = 'a-secret-of-at-least-thirty-two-bytes!!';
const token = (args: string[], env: Record<string, string>) =>
  run(process.execPath, ['--import', 'tsx', 'src/cli/token.ts', ...args], { env: { ...process.env, ...env } });

test('npm run token prints a token the server accepts on its last line', async () => {
  const { stdout } = await token(['--user-id', 'u1', '--role', 'manager', '--ttl', '10m'], { AUTH_JWT_SECRET: SECRET });
  const last = stdout.trim().split('\n').at(-1)!;
  const verify = (await jwtVerifier({ jwtSecret: SECRET }))!;
  assert.deepEqual(await verify(last), { userId: 'u1', roles: ['user', 'manager'] });
});

test('an unknown role is refused rather than signed', async () => {
  await assert.rejects(token(['--user-id', 'u1', '--role', 'manger'], { AUTH_JWT_SECRET: SECRET }), (err: { code: number; stderr: string }) => {
    assert.equal(err.code, 2);
    assert.match(err.stderr, /Unknown role manger/);
    return true;
  });
});

test('without a secret it fails and names the variable to set', async () => {
  await assert.rejects(token(['--user-id', 'u1'], { AUTH_JWT_SECRET: '' }), (err: { code: number; stderr: string }) => {
    assert.equal(err.code, 1);
    assert.match(err.stderr, /AUTH_JWT_SECRET/);
    return true;
  });
});
