import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from '../../support/node-test';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { UnauthenticatedError } from '../../../src/domain/errors';
import { bearerToken, jwtVerifier } from '../../../src/server/auth/jwt';
import { signToken } from '../../../src/server/auth/sign';

const SECRET = 'a-secret-of-at-least-thirty-two-bytes!!';
let dir: string;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'scg-jwt-'));
});
after(() => rm(dir, { recursive: true, force: true }));

const sign = (claims: Record<string, unknown>, alg: string, key: Parameters<SignJWT['sign']>[0], header: Record<string, string> = {}) =>
  new SignJWT(claims).setProtectedHeader({ alg, ...header }).setSubject('u1').setIssuedAt().setExpirationTime('5m').sign(key);

async function refused(verify: (t: string) => Promise<unknown>, token: string, message: RegExp): Promise<void> {
  await assert.rejects(verify(token), (err: unknown) => err instanceof UnauthenticatedError && message.test(err.message));
}

test('HS256: the subject is the viewer, roles come from the claim', async () => {
  const verify = (await jwtVerifier({ jwtSecret: SECRET }))!;
  const token = await signToken({ jwtSecret: SECRET }, { userId: 'u1', roles: ['manager'], ttl: '1h' });
  assert.deepEqual(await verify(token), { userId: 'u1', roles: ['user', 'manager'] });
});

test('expired, forged, unsigned, expiry-less and wrong-issuer tokens are refused', async () => {
  const verify = (await jwtVerifier({ jwtSecret: SECRET, issuer: 'us', audience: 'api' }))!;
  const key = new TextEncoder().encode(SECRET);
  const good = () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('u1').setIssuer('us').setAudience('api');
  assert.equal((await verify(await good().setExpirationTime('5m').sign(key))).userId, 'u1');
  await refused(verify, await good().setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(key), /expired/);
  await refused(verify, await good().setExpirationTime('5m').sign(new TextEncoder().encode(`${SECRET}x`)), /not valid/);
  await refused(verify, await good().sign(key), /not valid/);
  await refused(verify, await sign({ iss: 'them', aud: 'api' }, 'HS256', key), /not valid/);
  const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"u1","exp":9999999999}').toString('base64url')}.`;
  await refused(verify, unsigned, /not valid/);
  await refused(verify, 'garbage', /not valid/);
});

test('RS256 from a public key PEM file; HS256 tokens are then refused', async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const file = path.join(dir, 'rsa.pem');
  await writeFile(file, await exportSPKI(publicKey));
  const verify = (await jwtVerifier({ jwtPublicKeyFile: file }))!;
  assert.deepEqual(await verify(await sign({ roles: ['admin', 7] }, 'RS256', privateKey)), { userId: 'u1', roles: ['user', 'admin'] });
  await refused(verify, await sign({}, 'HS256', new TextEncoder().encode(SECRET)), /not valid/);
});

test('ES256 from a JWKS file, by key id; an unknown key id is refused', async () => {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const file = path.join(dir, 'jwks.json');
  await writeFile(file, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' }] }));
  const verify = (await jwtVerifier({ jwksFile: file }))!;
  assert.equal((await verify(await sign({}, 'ES256', privateKey, { kid: 'k1' }))).userId, 'u1');
  await refused(verify, await sign({}, 'ES256', privateKey, { kid: 'k2' }), /not valid/);
});

test('no key configured means no verifier; two public key sources are a configuration error', async () => {
  assert.equal(await jwtVerifier({}), null);
  await assert.rejects(jwtVerifier({ jwtPublicKeyFile: 'a', jwksFile: 'b' }), /only one/);
});

test('only "Bearer <token>" is accepted in the Authorization header', () => {
  assert.equal(bearerToken({ authorization: 'Bearer abc.def.ghi' }), 'abc.def.ghi');
  assert.throws(() => bearerToken({ authorization: 'Basic dXNlcjpwYXNz' }), UnauthenticatedError);
});
