/**
 * Authentication turns request headers into a Viewer before GraphQL runs. Resolvers only see
 * `context.viewer`. A Bearer token (auth/jwt.ts) wins when present; otherwise, in development,
 * the dev header (auth/dev-header.ts); otherwise the request is anonymous.
 */
import { UnauthenticatedError } from '../domain/errors';
import type { Store } from '../store/contract';
import type { Authenticator } from './auth/authenticator';
import { devHeaderAuthenticator } from './auth/dev-header';
import { bearerToken, jwtVerifier } from './auth/jwt';
import type { Config } from './config';

/** Throws (so the server does not start) in production without a token key. */
export async function createAuthenticator(config: Config, store: Store): Promise<Authenticator> {
  const verify = await jwtVerifier(config.auth);
  if (config.production && !verify) {
    throw new Error('NODE_ENV=production needs a token key: set AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY_FILE or AUTH_JWKS_FILE');
  }
  const dev = config.devAuthHeader ? devHeaderAuthenticator(store) : null;
  return async (headers) => {
    if (headers.authorization !== undefined) {
      if (!verify) throw new UnauthenticatedError('this server accepts no tokens: no token key is configured');
      return verify(bearerToken(headers));
    }
    return dev ? dev(headers) : null;
  };
}
