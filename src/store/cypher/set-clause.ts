/**
 * `SET` clause for a patch: only the fields present are written, each as a parameter (never
 * interpolated), from a fixed list of allowed property names.
 */
export function setClause(variable: string, patch: Record<string, unknown>, allowed: readonly string[]): {
  clause: string;
  params: Record<string, unknown>;
} {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  for (const key of allowed) {
    if (patch[key] !== undefined) {
      parts.push(`${variable}.${key} = $set_${key}`);
      params[`set_${key}`] = patch[key];
    }
  }
  return { clause: parts.length ? `SET ${parts.join(', ')}` : '', params };
}
