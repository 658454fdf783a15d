import type { ModelServices } from '../../gnn/services';
import type { Config } from '../server/config';
import type { Store } from '../store/contract';
import { UnauthenticatedError } from '../domain/errors';
import { createLoaders, type Loaders } from './loaders';

/** Who is asking. Produced by an authenticator (see src/server/authenticate.ts), never by resolvers. */
export interface Viewer {
  userId: string;
  roles: readonly string[];
}

export interface Context {
  store: Store;
  viewer: Viewer | null;
  /** Replaced after every write, so nothing cached before it is served after it. */
  loaders: Loaders;
  /** Tags of everything this request read (src/store/changes.ts): what a cached answer depends on. */
  reads: Set<string>;
  config: Config;
  /** Published models, shared by all requests. */
  models: ModelServices;
}

export function createContext(store: Store, config: Config, viewer: Viewer | null, models: ModelServices): Context {
  const reads = new Set<string>();
  return { store, viewer, loaders: createLoaders(store, viewer?.userId ?? null, (tag) => reads.add(tag)), reads, config, models };
}


export function requireViewer(ctx: Context): Viewer {
  if (!ctx.viewer) throw new UnauthenticatedError();
  return ctx.viewer;
}

/** Call with what a mutation wrote: drops cached reads that the write may have made stale. */
export function written<T>(ctx: Context, result: T): T {
  ctx.loaders = createLoaders(ctx.store, ctx.viewer?.userId ?? null, (tag) => ctx.reads.add(tag));
  return result;
}
