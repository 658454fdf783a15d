/**
 * Bearer JWTs: `Authorization: Bearer <token>`, verified with jose against the configured keys
 * (an HS256 secret, an RS256/ES256 public key, or a JWKS file). The subject is the user id and
 * the `roles` claim (an array of strings) the roles. Tokens must expire (`exp`).
 */
import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { createLocalJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { UnauthenticatedError } from '../../domain/errors';
import type { Viewer } from '../../graphql/context';
import type { AuthConfig } from '../config';
import { rememberVerified } from './remembered-tokens';

export type TokenVerifier = (token: string) => Promise<Viewer>;

const ASYMMETRIC: Record<string, string> = { rsa: 'RS256', ec: 'ES256' };

/** The HS256 key; shared with the token CLI so both read the secret the same way. */
export function secretKey(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, 'utf8'));
}

async function publicKey(file: string): Promise<{ key: KeyObject; alg: string }> {
  const key = createPublicKey(await readFile(file, 'utf8'));
  const alg = ASYMMETRIC[key.asymmetricKeyType ?? ''];
  if (!alg) throw new Error(`AUTH_JWT_PUBLIC_KEY_FILE ${file} holds a ${key.asymmetricKeyType} key; use an RSA or EC P-256 key`);
  return { key, alg };
}

/** A verifier over the configured keys, or null when none is configured (tokens are then refused). */
export async function jwtVerifier(auth: AuthConfig): Promise<TokenVerifier | null> {
  if (auth.jwtPublicKeyFile && auth.jwksFile) throw new Error('set only one of AUTH_JWT_PUBLIC_KEY_FILE and AUTH_JWKS_FILE');
  const secret = auth.jwtSecret ? secretKey(auth.jwtSecret) : null;
  const pem = auth.jwtPublicKeyFile ? await publicKey(auth.jwtPublicKeyFile) : null;
  const jwks = auth.jwksFile ? createLocalJWKSet(JSON.parse(await readFile(auth.jwksFile, 'utf8'))) : null;
  const algorithms = [...(secret ? ['HS256'] : []), ...(pem ? [pem.alg] : []), ...(jwks ? ['RS256', 'ES256'] : [])];
  if (algorithms.length === 0) return null;

  // jose has already refused algorithms outside the list, so `alg` picks the key family.
  const key: JWTVerifyGetKey = (header, token) => (header.alg === 'HS256' ? secret! : (jwks?.(header, token) ?? pem!.key));
  return rememberVerified(async (token) => {
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms,
        issuer: auth.issuer,
        audience: auth.audience,
        requiredClaims: ['sub', 'exp'],
      });
      const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
      return { viewer: { userId: payload.sub!, roles: ['user', ...roles] }, expiresAt: payload.exp! * 1000 };
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw new UnauthenticatedError('the token has expired');
      if (err instanceof errors.JOSEError) throw new UnauthenticatedError('the token is not valid');
      throw err;
    }
  });
}

/** The token of an `Authorization: Bearer` header; anything else there is refused. */
export function bearerToken(headers: IncomingHttpHeaders): string {
  const match = /^Bearer +([^\s]+)\s*$/i.exec(headers.authorization ?? '');
  if (!match) throw new UnauthenticatedError('the Authorization header must be "Bearer <token>"');
  return match[1];
}
