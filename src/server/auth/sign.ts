import { SignJWT } from 'jose';
import type { AuthConfig } from '../config';
import { secretKey } from './jwt';

export interface TokenClaims {
  userId: string;
  roles: readonly string[];
  /** A jose time span: "1h", "30m", "7d". */
  ttl: string;
}

/** The HS256 secret, or an error saying which variable to set. */
export function signingSecret(auth: AuthConfig): string {
  if (!auth.jwtSecret) throw new Error('no signing secret: set AUTH_JWT_SECRET (at least 32 bytes) to the secret the server verifies with');
  return auth.jwtSecret;
}

/** An HS256 token the server accepts, for development and tests (production tokens come from an identity provider). */
export function signToken(auth: AuthConfig, { userId, roles, ttl }: TokenClaims): Promise<string> {
  const secret = signingSecret(auth);
  const jwt = new SignJWT({ roles: [...roles] }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setSubject(userId).setIssuedAt().setExpirationTime(ttl);
  if (auth.issuer) jwt.setIssuer(auth.issuer);
  if (auth.audience) jwt.setAudience(auth.audience);
  return jwt.sign(secretKey(secret));
}
