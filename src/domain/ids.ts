import { randomUUID } from 'node:crypto';

/** Kinds of node that have a Relay global id. */
export type NodeKind = 'User' | 'Product' | 'Category' | 'Review' | 'Share' | 'Community';
export const NODE_KINDS: readonly NodeKind[] = ['User', 'Product', 'Category', 'Review', 'Share', 'Community'];

/** A fresh internal id for an entity created through the API. */
export function newId(): string {
  return randomUUID();
}

/** Relay global id: base64 of `Kind:internalId`, opaque to clients. */
export function toGlobalId(kind: NodeKind, id: string): string {
  return Buffer.from(`${kind}:${id}`, 'utf8').toString('base64url');
}

/** The kind and internal id of a global id, or null when it is not one of ours. */
export function fromGlobalId(globalId: string): { kind: NodeKind; id: string } | null {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const kind = decoded.slice(0, colon) as NodeKind;
  const id = decoded.slice(colon + 1);
  if (!NODE_KINDS.includes(kind) || id.length === 0) return null;
  // Reject strings that merely decode to something: the id must round-trip.
  return toGlobalId(kind, id) === globalId ? { kind, id } : null;
}
