/**
 * Authentication turns request headers into a Viewer before GraphQL runs. Resolvers only see
 * `context.viewer`, so a real scheme (JWT, sessions) replaces the dev header here and nowhere else.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { UnauthenticatedError } from '../domain/errors';
import { fromGlobalId } from '../domain/ids';
import { normaliseHandle } from '../domain/user';
import type { Viewer } from '../graphql/context';
import type { Store } from '../store/contract';
import type { Config } from './config';

/** Resolves to null for anonymous requests; throws UnauthenticatedError for bad credentials. */
export type Authenticator = (headers: IncomingHttpHeaders) => Promise<Viewer | null>;

export const DEV_USER_HEADER = 'x-user-id';

/** Development only: trusts `x-user-id` naming a user by internal id, global id or handle. */
export function devHeaderAuthenticator(store: Store): Authenticator {
  return async (headers) => {
    const claimed = headers[DEV_USER_HEADER];
    if (typeof claimed !== 'string' || claimed.trim() === '') return null;
    const global = fromGlobalId(claimed);
    const [byId] = await store.users.get([global?.kind === 'User' ? global.id : claimed]);
    const [user] = byId ? [byId] : await store.users.getByHandle([normaliseHandle(claimed)]);
    if (!user) throw new UnauthenticatedError(`${DEV_USER_HEADER} names no user`);
    return { userId: user.id, roles: ['user'] };
  };
}

const anonymous: Authenticator = async () => null;

export function createAuthenticator(config: Config, store: Store): Authenticator {
  return config.devAuthHeader ? devHeaderAuthenticator(store) : anonymous;
}
