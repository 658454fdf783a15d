// The dashboard's only way to data: POST to the public GraphQL endpoint with the signed-in
// manager's credentials (a Bearer token, or in development the x-user-id/x-user-roles headers).
const ENDPOINT = document.body.dataset.graphql;
const KEY = 'dashboard.credentials';

export class ApiError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

/** { kind: 'token', token } or { kind: 'dev', handle }; kept for this browser tab only. */
export function credentials() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY));
  } catch {
    return null;
  }
}

export function saveCredentials(c) {
  if (c) sessionStorage.setItem(KEY, JSON.stringify(c));
  else sessionStorage.removeItem(KEY);
}

function headers(c) {
  const h = { 'content-type': 'application/json' };
  if (c?.kind === 'token') h.authorization = `Bearer ${c.token}`;
  if (c?.kind === 'dev') Object.assign(h, { 'x-user-id': c.handle, 'x-user-roles': 'manager' });
  return h;
}

/** Runs an operation; throws ApiError with the first error's code. */
export async function gql(query, variables = {}, c = credentials()) {
  let res;
  try {
    res = await fetch(ENDPOINT, { method: 'POST', headers: headers(c), body: JSON.stringify({ query, variables }) });
  } catch {
    throw new ApiError('the server cannot be reached', 'NETWORK');
  }
  const body = await res.json().catch(() => ({ errors: [{ message: `HTTP ${res.status}` }] }));
  if (body.errors?.length) {
    const [first] = body.errors;
    throw new ApiError(first.message, first.extensions?.code ?? `HTTP_${res.status}`);
  }
  return body.data;
}

/** Every page of a connection (at most `limit` nodes), `pick` taking the connection from the data. */
export async function all(query, variables, pick, limit = 5000) {
  const edges = [];
  let after = null;
  for (;;) {
    const conn = pick(await gql(query, { ...variables, after }));
    edges.push(...conn.edges);
    if (!conn.pageInfo.hasNextPage || edges.length >= limit) return { ...conn, edges };
    after = conn.pageInfo.endCursor;
  }
}
