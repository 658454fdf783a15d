/**
 * GraphQL lets clients send `null` for an optional input field; the domain speaks `undefined`
 * for "not given". This drops null-valued keys at the boundary.
 */
export type WithoutNulls<T> = { [K in keyof T]: Exclude<T[K], null> };

export function withoutNulls<T extends object>(input: T): WithoutNulls<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null)) as WithoutNulls<T>;
}
