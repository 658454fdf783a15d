import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { InvalidInputError } from '../domain/errors';

/**
 * Offset cursors: a position in the list, signed by the server (HMAC-SHA256, 96 bits), so the only
 * offsets a client can send are ones the server handed out. Stable as long as the list does not
 * change between pages, the usual trade-off of offset paging. Signed with CURSOR_SECRET when set
 * (config.ts), else with a key drawn at start, which makes cursors die with the process.
 */
const MAC_BYTES = 12;
/** Longer than any safe integer's digits: anything longer is not one of ours. */
const MAX_OFFSET_DIGITS = 16;
let key: Buffer = randomBytes(32);
/**
 * Cursors handed out so far, by offset: a page's edges each carry one, and signing them was a few
 * percent of a profile page's CPU. Offsets are list positions, so the map stays small; past
 * MEMO_OFFSETS cursors are signed afresh.
 */
const issued = new Map<number, string>();
const MEMO_OFFSETS = 100_000;

/** Signs cursors with `secret` from now on (cursors signed before are refused). */
export function useCursorSecret(secret: string): void {
  key = createHmac('sha256', secret).update('cursor').digest();
  issued.clear();
}

function mac(offset: string): Buffer {
  return createHmac('sha256', key).update(offset).digest().subarray(0, MAC_BYTES);
}

export function encodeCursor(offset: number): string {
  const known = issued.get(offset);
  if (known !== undefined) return known;
  const digits = String(offset);
  const cursor = Buffer.concat([mac(digits), Buffer.from(digits, 'latin1')]).toString('base64url');
  if (offset < MEMO_OFFSETS) issued.set(offset, cursor);
  return cursor;
}

/** The offset a cursor points at; BAD_USER_INPUT on `field` when this server did not issue it. */
export function decodeCursor(cursor: string, field: string): number {
  const bytes = Buffer.from(cursor, 'base64url');
  const digits = bytes.subarray(MAC_BYTES).toString('latin1');
  const valid =
    bytes.length > MAC_BYTES &&
    digits.length <= MAX_OFFSET_DIGITS &&
    /^(0|[1-9][0-9]*)$/.test(digits) &&
    timingSafeEqual(bytes.subarray(0, MAC_BYTES), mac(digits)) &&
    bytes.toString('base64url') === cursor;
  const offset = Number(digits);
  if (!valid || !Number.isSafeInteger(offset)) throw new InvalidInputError(field, `${field} is not a valid cursor`);
  return offset;
}
