/**
 * How harnesses that talk to a server process sign in as a user: the one place to change when
 * authentication changes. With AUTH_JWT_SECRET set, a Bearer HS256 token whose subject is the
 * user id; otherwise the development `x-user-id` header.
 */
import { SignJWT } from 'jose';

export type AuthHeaders = (userId: string) => Promise<Record<string, string>>;

export function authHeaders(secret = process.env.AUTH_JWT_SECRET): AuthHeaders {
  if (!secret) return async (userId) => ({ 'x-user-id': userId });
  const key = new TextEncoder().encode(secret);
  const tokens = new Map<string, Promise<string>>();
  return async (userId) => {
    let token = tokens.get(userId);
    if (!token) {
      token = new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(userId).setIssuedAt().setExpirationTime('2h').sign(key);
      tokens.set(userId, token);
    }
    return { authorization: `Bearer ${await token}` };
  };
}
