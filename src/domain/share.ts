import { optionalText } from './validate';

/** A share goes either to one user or to all of the sharer's followers. */
export type ShareAudience = 'FOLLOWERS' | 'USER';

export interface Share {
  id: string;
  sharerId: string;
  productId: string;
  audience: ShareAudience;
  /** Set when audience is USER. */
  recipientId: string | null;
  message: string;
  createdAt: number;
}

export interface NewShare {
  productId: string;
  /** Omit to share with all followers. */
  recipientId?: string;
  message?: string;
}

export function validateNewShare(input: NewShare): NewShare {
  return { ...input, message: optionalText('message', input.message, 1000) ?? '' };
}
