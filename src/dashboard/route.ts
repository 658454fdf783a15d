/**
 * GET /dashboard (the page) and /dashboard/assets/<name> (its files). The page itself holds no
 * data: it signs in and reads the public GraphQL API like any other client.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { loadAssets } from './assets';
import { dashboardPage } from './page';

export const DASHBOARD_PATH = '/dashboard';
const ASSETS_PATH = `${DASHBOARD_PATH}/assets/`;

export interface DashboardOptions {
  graphqlPath: string;
  devHeaders: boolean;
  /** A handle the development sign-in offers (the demo's best-known user); may change once data exists. */
  demoHandle: () => Promise<string>;
}

/** Returns a handler that answers the dashboard's paths (true) and leaves the rest (false). */
export function dashboardRoute(opts: DashboardOptions) {
  const assets = loadAssets();
  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> => {
    if (pathname !== DASHBOARD_PATH && pathname !== `${DASHBOARD_PATH}/` && !pathname.startsWith(ASSETS_PATH)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return true;
    }
    if (pathname.startsWith(ASSETS_PATH)) {
      const asset = assets.get(pathname.slice(ASSETS_PATH.length));
      if (!asset) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
        return true;
      }
      // Revalidated on every load (cheap 304s), so a new version is picked up without renaming files.
      const headers = { 'content-type': asset.contentType, etag: asset.etag, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' };
      if (req.headers['if-none-match'] === asset.etag) res.writeHead(304, headers).end();
      else res.writeHead(200, { ...headers, 'content-length': asset.body.length }).end(req.method === 'HEAD' ? undefined : asset.body);
      return true;
    }
    const page = dashboardPage({ assetsPath: ASSETS_PATH, graphqlPath: opts.graphqlPath, devHeaders: opts.devHeaders, demoHandle: await opts.demoHandle() });
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': page.csp,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'content-length': Buffer.byteLength(page.html),
    });
    res.end(req.method === 'HEAD' ? undefined : page.html);
    return true;
  };
}
