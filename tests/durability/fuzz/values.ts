/**
 * Hostile values for the fuzzer, by GraphQL scalar: strings that break encodings and limits,
 * numbers at and beyond every boundary, and ids that are unknown, of the wrong kind or not ids.
 */
import { toGlobalId, type NodeKind } from '../../../src/domain/ids';
import { encodeCursor } from '../../../src/graphql/cursor';
import type { Rng } from '../../../seeds/random';

/** Entities that exist in the test community, so some inputs get past the id checks. */
export interface Pool {
  ids: Partial<Record<NodeKind, string[]>>;
  handles: string[];
}

const STRINGS = [
  '',
  ' ',
  'ok',
  'user_01',
  '👍🏽🔥💩‍🦺',
  '‮gnp.exe', // right-to-left override
  'مرحبا بالعالم',
  'שלום',
  'a\u0000b',
  '\u0000',
  '\uD800',
  'x\uDFFFy',
  '\uFEFF\u200B\u200D',
  'e\u0301\u0301\u0301',
  '\r\n\t\u0007\u001b[31m',
  "' OR 1=1 //",
  '"}) MATCH (n) DETACH DELETE n //',
  '${process.exit()}',
  '%s%n%x',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  'null',
  'NaN',
  '-Infinity',
  '1e400',
  '2026-13-45T25:61:61Z',
];

const INTS = [0, -1, 1, 3, 5, 6, 100, 101, -0, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e21, 1.5, -2.5];
const FLOATS = [0, -0, 0.1, -1, 1e-320, 1.7976931348623157e308, -1.7976931348623157e308, 1e21, 99999999.99, 0.005, Number.MIN_VALUE];

/** A string of up to ~1 MB, or a short nasty one. */
export function nastyString(rng: Rng): string {
  const roll = rng.float();
  if (roll < 0.03) return rng.pick(STRINGS).repeat(rng.int(1_000, 60_000)).slice(0, 1_000_000);
  if (roll < 0.1) return 'x'.repeat(rng.pick([31, 200, 201, 10_000, 10_001, 100_000]));
  if (roll < 0.2) return Array.from({ length: rng.int(1, 40) }, () => String.fromCharCode(rng.int(0, 0xffff))).join('');
  return rng.pick(STRINGS);
}

/** NaN and the infinities are not JSON: JSON.stringify sends them as null, a literal as a bad token. */
export function nastyNumber(rng: Rng, float: boolean): number {
  if (rng.chance(0.05)) return rng.pick([Number.NaN, Infinity, -Infinity]);
  return rng.pick(float ? FLOATS : INTS);
}

export function nastyId(rng: Rng, pool: Pool, kind?: NodeKind): string {
  const known = Object.entries(pool.ids) as [NodeKind, string[]][];
  const roll = rng.float();
  if (kind && pool.ids[kind] && roll < 0.35) return toGlobalId(kind, rng.pick(pool.ids[kind]));
  if (roll < 0.5) return toGlobalId(kind ?? rng.pick(known)[0], `missing-${rng.int(0, 99)}`);
  const [other, ids] = rng.pick(known);
  if (roll < 0.6) return toGlobalId(other, rng.pick(ids));
  if (roll < 0.65) return rng.pick(ids); // an internal id, not a global one
  if (roll < 0.7) return Buffer.from(`${kind ?? 'User'}:`).toString('base64url');
  if (roll < 0.75) return `${toGlobalId('User', 'u01')}==`;
  return nastyString(rng);
}

/** Offsets at and far beyond the lists' ends: LadybugDB crashed on a SKIP past its sorted rows. */
const OFFSETS = [0, 1, 3, 19, 20, 99, 100, 8_191, 8_192, 8_460, 10_000, 15_420, 100_000, 2 ** 31, 1e9, 2 ** 53 - 1];

/**
 * Page cursors: signed by this process (the server under test shares the key), at ordinary and huge
 * offsets; and forged: the old unsigned `offset:N` form, signed ones truncated, extended, re-encoded
 * or with a byte flipped, random base64, and nasty strings.
 */
export function nastyCursor(rng: Rng): string {
  const signed = encodeCursor(rng.pick(OFFSETS));
  const roll = rng.float();
  if (roll < 0.3) return signed;
  if (roll < 0.4) return Buffer.from(`offset:${rng.pick(OFFSETS)}`).toString('base64url');
  if (roll < 0.5) return signed.slice(0, rng.int(0, signed.length - 1));
  if (roll < 0.55) return `${signed}${rng.pick(['=', '==', 'A', '.', '%00'])}`;
  if (roll < 0.6) return Buffer.from(signed, 'base64url').toString('base64');
  if (roll < 0.7) {
    const bytes = Buffer.from(signed, 'base64url');
    bytes[rng.int(0, bytes.length - 1)] ^= 1 << rng.int(0, 7);
    return bytes.toString('base64url');
  }
  if (roll < 0.8) return Buffer.from(Array.from({ length: rng.int(1, 40) }, () => rng.int(0, 255))).toString('base64url');
  return nastyString(rng);
}

/** Global ids of every kind, Community included (its ids are guessable: c1, c2, ...). */
export function nastyNodeId(rng: Rng, pool: Pool): string {
  if (rng.chance(0.3)) return toGlobalId('Community', rng.pick(['c1', 'c2', 'c0', 'c999999999', '', 'c1\u0000']));
  return nastyId(rng, pool);
}
