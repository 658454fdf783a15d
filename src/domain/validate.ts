import { InvalidInputError } from './errors';

/** Small validators shared by the domain input rules. Each throws InvalidInputError naming the field. */

export function text(field: string, value: string, opts: { min?: number; max: number; trim?: boolean }): string {
  const v = opts.trim === false ? value : value.trim();
  const length = [...v].length;
  if (length < (opts.min ?? 0)) {
    throw new InvalidInputError(field, opts.min === 1 ? `${field} must not be empty` : `${field} must be at least ${opts.min} characters`);
  }
  if (length > opts.max) throw new InvalidInputError(field, `${field} must be at most ${opts.max} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(v)) throw new InvalidInputError(field, `${field} contains control characters`);
  return v;
}

export function optionalText(field: string, value: string | null | undefined, max: number): string | undefined {
  return value == null ? undefined : text(field, value, { max });
}

export function integer(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidInputError(field, `${field} must be an integer from ${min} to ${max}`);
  }
  return value;
}

export function money(field: string, value: number): number {
  if (!Number.isFinite(value) || value < 0 || value > 1e9) {
    throw new InvalidInputError(field, `${field} must be a non-negative amount below 1,000,000,000`);
  }
  return Math.round(value * 100) / 100;
}
