/** Float32 vectors as base64 text: exact, compact, and the same in every engine and on the wire. */
export function encodeVector(v: Float32Array | undefined): string {
  return v ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') : '';
}

export function decodeVector(s: unknown): Float32Array | undefined {
  if (typeof s !== 'string' || s === '') return undefined;
  // Copy into a fresh, aligned buffer: Buffer slices may start at any byte offset.
  return new Float32Array(new Uint8Array(Buffer.from(s, 'base64')).buffer);
}
