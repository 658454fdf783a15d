import { InvalidInputError } from './errors';
import { optionalText, text } from './validate';

/** Who sees a user's shares to followers: anyone, or only their followers. */
export type ShareVisibility = 'PUBLIC' | 'FOLLOWERS';

export interface User {
  id: string;
  handle: string;
  displayName: string;
  bio: string;
  /** Epoch milliseconds. */
  joinedAt: number;
  /** Read from the store always set; optional so bulk rows may leave it to the default, PUBLIC. */
  shareVisibility?: ShareVisibility;
}

export interface NewUser {
  handle: string;
  displayName: string;
  bio?: string;
}

export interface ProfilePatch {
  displayName?: string;
  bio?: string;
  shareVisibility?: ShareVisibility;
}

export type UserSort = 'NEWEST' | 'OLDEST' | 'HANDLE' | 'MOST_FOLLOWED';

export interface UserFilter {
  /** Case-insensitive substring of handle or display name. */
  search?: string;
}

const HANDLE = /^[a-z0-9_]{3,30}$/;

/** Handles are stored lower-case, so uniqueness is case-insensitive. */
export function normaliseHandle(handle: string): string {
  return handle.trim().toLowerCase();
}

export function validateNewUser(input: NewUser): NewUser {
  const handle = normaliseHandle(input.handle);
  if (!HANDLE.test(handle)) {
    throw new InvalidInputError('handle', 'handle must be 3-30 characters of a-z, 0-9 and _');
  }
  return {
    handle,
    displayName: text('displayName', input.displayName, { min: 1, max: 80 }),
    bio: optionalText('bio', input.bio, 500) ?? '',
  };
}

export function validateProfilePatch(patch: ProfilePatch): ProfilePatch {
  return {
    displayName: patch.displayName == null ? undefined : text('displayName', patch.displayName, { min: 1, max: 80 }),
    bio: optionalText('bio', patch.bio, 500),
    shareVisibility: patch.shareVisibility ?? undefined,
  };
}
