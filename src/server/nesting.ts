/**
 * Request JSON nested deeper than any operation needs is refused before Apollo sees it: its
 * recursive walks over variables overflow the stack on a few thousand levels (an HTTP 500), even
 * for a variable the operation never uses. Checked without recursion.
 */
import { InvalidInputError } from '../domain/errors';

/** Far deeper than any input type in the schema nests. */
export const MAX_NESTING = 64;

function depthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** BAD_USER_INPUT when `variables` or `extensions` of a request nest deeper than MAX_NESTING. */
export function checkNesting(request: { variables?: unknown; extensions?: unknown }): void {
  for (const field of ['variables', 'extensions'] as const) {
    if (depthExceeds(request[field], MAX_NESTING + 1)) {
      throw new InvalidInputError(field, `${field} must not nest deeper than ${MAX_NESTING} levels`);
    }
  }
}

/** The JSON-encoded `variables`/`extensions` of a GET request's query string, when they parse. */
export function searchParamsRequest(search: URLSearchParams): { variables?: unknown; extensions?: unknown } {
  const parsed = (name: string): unknown => {
    try {
      return JSON.parse(search.get(name) ?? 'null');
    } catch {
      return null; // Apollo answers malformed JSON itself.
    }
  };
  return { variables: parsed('variables'), extensions: parsed('extensions') };
}
