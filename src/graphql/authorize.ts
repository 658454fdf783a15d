/**
 * Who may do what. Every mutation needs a viewer (context.requireViewer); these add roles and
 * ownership. Roles come from the token's `roles` claim and do not imply each other.
 */
import { ForbiddenError } from '../domain/errors';
import { requireViewer, type Context, type Viewer } from './context';

/** `manager`: edits the catalogue and trains models. `admin`: moderates (deletes any review). */
export const ROLES = ['manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function hasRole(viewer: Viewer, role: Role): boolean {
  return viewer.roles.includes(role);
}

/** The viewer, when signed in with `role`: UNAUTHENTICATED without a viewer, FORBIDDEN without the role. */
export function requireRole(ctx: Context, role: Role): Viewer {
  const viewer = requireViewer(ctx);
  if (!hasRole(viewer, role)) throw new ForbiddenError(`only a ${role} may do this`);
  return viewer;
}

/** Refuses unless the viewer is `ownerId` (or holds `overrideRole`, e.g. an admin moderating). */
export function requireOwner(viewer: Viewer, ownerId: string, message: string, overrideRole?: Role): void {
  if (viewer.userId !== ownerId && !(overrideRole && hasRole(viewer, overrideRole))) throw new ForbiddenError(message);
}
