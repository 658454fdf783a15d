/**
 * How harnesses that talk to a server process sign in as a user: the one place to change when
 * authentication changes. With AUTH_JWT_SECRET set, a Bearer token signed the way `npm run token`
 * signs it; otherwise the development `x-user-id` header.
 */
import { signToken } from '../../src/server/auth/sign';
import { loadConfig, type AuthConfig } from '../../src/server/config';

export type AuthHeaders = (userId: string, roles?: readonly string[]) => Promise<Record<string, string>>;

export function authHeaders(auth: AuthConfig = loadConfig().auth): AuthHeaders {
  if (!auth.jwtSecret) return async (userId, roles = []) => ({ 'x-user-id': userId, ...(roles.length ? { 'x-user-roles': roles.join(',') } : {}) });
  const tokens = new Map<string, Promise<string>>();
  return async (userId, roles = []) => {
    const key = `${userId}|${roles.join(',')}`;
    let token = tokens.get(key);
    if (!token) {
      token = signToken(auth, { userId, roles, ttl: '2h' });
      tokens.set(key, token);
    }
    return { authorization: `Bearer ${await token}` };
  };
}
