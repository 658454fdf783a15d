/**
 * LadybugDB values to plain JavaScript. Nodes and relationships arrive as objects carrying their
 * properties plus internal keys (`_id`, `_label`, `_src`, `_dst`); we keep the properties only.
 * INT64 columns arrive as numbers (epoch ms fits exactly); BigInt, if the driver ever returns it
 * for values beyond 2^53, is converted when safe and rejected otherwise.
 */
export function fromLadybug(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new RangeError(`integer ${value} does not fit a JavaScript number`);
    }
    return Number(value);
  }
  if (value instanceof Date) return value.getTime();
  if (Array.isArray(value)) return value.map(fromLadybug);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (!k.startsWith('_')) out[k] = fromLadybug(v);
    }
    return out;
  }
  return value;
}

export function rowFromLadybug(row: Record<string, unknown>): Record<string, unknown> {
  return fromLadybug(row) as Record<string, unknown>;
}
