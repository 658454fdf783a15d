/**
 * How harnesses that talk to a server process sign in as a user: the one place to change when
 * authentication changes. With AUTH_JWT_SECRET set, a Bearer token signed the way `npm run token`
 * signs it; otherwise the development `x-user-id` header.
 */
import { signToken } from '../../src/server/auth/sign';
import { loadConfig, type AuthConfig } from '../../src/server/config';

export type AuthHeaders = (userId: string) => Promise<Record<string, string>>;

export function authHeaders(auth: AuthConfig = loadConfig().auth): AuthHeaders {
  if (!auth.jwtSecret) return async (userId) => ({ 'x-user-id': userId });
  const tokens = new Map<string, Promise<string>>();
  return async (userId) => {
    let token = tokens.get(userId);
    if (!token) {
      token = signToken(auth, { userId, roles: [], ttl: '2h' });
      tokens.set(userId, token);
    }
    return { authorization: `Bearer ${await token}` };
  };
}
