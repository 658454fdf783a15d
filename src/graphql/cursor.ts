import { InvalidInputError } from '../domain/errors';

/**
 * Offset cursors: opaque to clients, but simply a position in the list. Stable as long as the
 * list does not change between pages, which is the usual trade-off of offset paging.
 */
const PREFIX = 'offset:';

export function encodeCursor(offset: number): string {
  return Buffer.from(`${PREFIX}${offset}`, 'utf8').toString('base64url');
}

/** The offset a cursor points at; BAD_USER_INPUT on `field` when it is not one of ours. */
export function decodeCursor(cursor: string, field: string): number {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const offset = decoded.startsWith(PREFIX) ? Number(decoded.slice(PREFIX.length)) : NaN;
  if (!Number.isSafeInteger(offset) || offset < 0 || encodeCursor(offset) !== cursor) {
    throw new InvalidInputError(field, `${field} is not a valid cursor`);
  }
  return offset;
}
