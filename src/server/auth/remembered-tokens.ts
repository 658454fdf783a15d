/**
 * Verified tokens remembered until they expire. A client sends the same token with every request,
 * and checking its signature again each time costs more than answering a cached query. Only
 * successes are kept; a remembered token is re-verified once `exp` passes (so it then fails).
 */
import type { Viewer } from '../../graphql/context';

export interface Verified {
  viewer: Viewer;
  /** Epoch ms (the token's `exp`). */
  expiresAt: number;
}

export function rememberVerified(
  verify: (token: string) => Promise<Verified>,
  maxEntries = 10_000,
  now: () => number = Date.now,
): (token: string) => Promise<Viewer> {
  const known = new Map<string, Verified>();
  return async (token) => {
    const hit = known.get(token);
    if (hit && hit.expiresAt > now()) return hit.viewer;
    known.delete(token);
    const verified = await verify(token);
    known.set(token, verified);
    if (known.size > maxEntries) known.delete(known.keys().next().value!); // oldest first
    return verified.viewer;
  };
}
