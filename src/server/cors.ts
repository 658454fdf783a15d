/**
 * CORS for browser clients on other origins (CORS_ORIGINS). Credentials travel in the
 * Authorization header, never in cookies, so no `allow-credentials`: a page on an allowed origin
 * can call the API with a token it holds, and no page can borrow a visitor's session.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEV_ROLES_HEADER, DEV_USER_HEADER } from './auth/dev-header';
import { REQUEST_ID_HEADER } from './request-id';

const ALLOWED_HEADERS = ['authorization', 'content-type', 'apollo-require-preflight', REQUEST_ID_HEADER, DEV_USER_HEADER, DEV_ROLES_HEADER].join(', ');
const EXPOSED_HEADERS = [REQUEST_ID_HEADER, 'retry-after'].join(', ');
/** Browsers cap this (Chromium at 2 h); 10 min keeps a changed list from lingering. */
const PREFLIGHT_MAX_AGE_S = 600;

/**
 * Sets the CORS headers for an allowed origin. Returns true when the request was a preflight and
 * has been answered (204 when allowed, 403 otherwise).
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowed: readonly string[]): boolean {
  res.setHeader('vary', 'Origin');
  const origin = req.headers.origin;
  const ok = origin !== undefined && (allowed.includes('*') || allowed.includes(origin));
  const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
  if (ok) {
    res.setHeader('access-control-allow-origin', allowed.includes('*') ? '*' : origin);
    res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
  }
  if (!preflight) return false;
  if (ok) {
    res.writeHead(204, {
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': ALLOWED_HEADERS,
      'access-control-max-age': String(PREFLIGHT_MAX_AGE_S),
    });
  } else {
    res.writeHead(403);
  }
  res.end();
  return true;
}
