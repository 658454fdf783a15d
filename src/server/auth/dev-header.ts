/**
 * Development only: trusts `x-user-id` naming a user by internal id, global id or handle, and
 * `x-user-roles` (comma-separated) for their roles, so the playground can act as anyone.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { UnauthenticatedError } from '../../domain/errors';
import { fromGlobalId } from '../../domain/ids';
import { normaliseHandle } from '../../domain/user';
import type { Store } from '../../store/contract';
import type { Authenticator } from './authenticator';

export const DEV_USER_HEADER = 'x-user-id';
export const DEV_ROLES_HEADER = 'x-user-roles';

function roles(headers: IncomingHttpHeaders): string[] {
  const claimed = headers[DEV_ROLES_HEADER];
  const named = typeof claimed === 'string' ? claimed.split(',').map((r) => r.trim()).filter(Boolean) : [];
  return ['user', ...named];
}

export function devHeaderAuthenticator(store: Store): Authenticator {
  return async (headers) => {
    const claimed = headers[DEV_USER_HEADER];
    if (typeof claimed !== 'string' || claimed.trim() === '') return null;
    const global = fromGlobalId(claimed);
    const [byId] = await store.users.get([global?.kind === 'User' ? global.id : claimed]);
    const [user] = byId ? [byId] : await store.users.getByHandle([normaliseHandle(claimed)]);
    if (!user) throw new UnauthenticatedError(`${DEV_USER_HEADER} names no user`);
    return { userId: user.id, roles: roles(headers) };
  };
}
