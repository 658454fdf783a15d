import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

test('--user with a DATA_DIR that holds no database says so, and creates none', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'scg-token-'));
  try {
    await assert.rejects(token(['--user', 'ada'], { AUTH_JWT_SECRET: SECRET, DATA_DIR: dir, NEO4J_URI: '' }), (err: { code: number; stderr: string }) => {
      assert.equal(err.code, 1);
      assert.match(err.stderr, /no database in .*scg-token-.*: set DATA_DIR to the server's data directory/);
      return true;
    });
    assert.equal(existsSync(path.join(dir, 'graph.lbug')), false);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
