/**
 * Conversion between neo4j-driver values and the plain JavaScript the shared Cypher repositories
 * speak (see cypher/runner.ts). Both directions either keep the value exactly or throw: a silently
 * rounded count or a float where Cypher wants an integer is worse than an error.
 */
import neo4j, {
  isDate,
  isDateTime,
  isInt,
  isLocalDateTime,
  isNode,
  isRelationship,
  type Date as Neo4jDate,
  type Integer,
  type LocalDateTime,
  type Record as Neo4jRecord,
} from 'neo4j-driver';
import type { Params, Row } from '../cypher/runner';

/** A value from the driver as plain JavaScript; nodes and relationships become their properties. */
export function fromDriver(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return value;
  if (isInt(value)) return toSafeNumber(value);
  if (Array.isArray(value)) return value.map(fromDriver);
  if (isNode(value) || isRelationship(value)) return mapValues(value.properties, fromDriver);
  if (isDateTime(value)) return value.toStandardDate().getTime();
  if (isLocalDateTime(value) || isDate(value)) return utcEpochMs(value);
  if (isPlainObject(value)) return mapValues(value, fromDriver);
  // Durations, times of day, points, paths, vectors, byte arrays: nothing in the model uses them.
  throw new TypeError(`Cannot convert Neo4j value ${String(value)} (${value.constructor?.name}) to plain JavaScript`);
}

/** One result record as a row keyed by the RETURN names. */
export function fromRecord(record: Neo4jRecord): Row {
  return mapValues(record.toObject(), fromDriver);
}

/**
 * Parameters for the driver. It sends every JS number as a Float, which `SKIP`/`LIMIT` reject and
 * which would store INT64 properties as floats, so integer-valued numbers go as Integers.
 */
export function toDriverParams(params: Params): Params {
  return mapValues(params, toDriver);
}

function toDriver(value: unknown): unknown {
  // Integers beyond 2^53 are not exact in JS anyway; they stay floats rather than change value.
  if (typeof value === 'number') return Number.isSafeInteger(value) ? neo4j.int(value) : value;
  if (Array.isArray(value)) return value.map(toDriver);
  if (isPlainObject(value)) return mapValues(value, toDriver);
  return value;
}

function toSafeNumber(value: Integer): number {
  if (!value.inSafeRange()) {
    throw new RangeError(`Neo4j integer ${value.toString()} is outside JavaScript's safe integer range`);
  }
  return value.toNumber();
}

/** Zone-less dates and date-times are read as UTC, so the answer does not depend on the host's zone. */
function utcEpochMs(value: LocalDateTime | Neo4jDate): number {
  const zero = neo4j.int(0);
  const time = isLocalDateTime(value) ? value : { hour: zero, minute: zero, second: zero, nanosecond: zero };
  const { year, month, day } = value;
  const { hour, minute, second, nanosecond } = time;
  return new neo4j.types.DateTime(year, month, day, hour, minute, second, nanosecond, zero).toStandardDate().getTime();
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function mapValues(object: Record<string, unknown>, f: (value: unknown) => unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, f(value)]));
}
