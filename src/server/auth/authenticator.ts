import type { IncomingHttpHeaders } from 'node:http';
import type { Viewer } from '../../graphql/context';

/** Turns request headers into a Viewer: null for anonymous requests; throws UnauthenticatedError for bad credentials. */
export type Authenticator = (headers: IncomingHttpHeaders) => Promise<Viewer | null>;
