/**
 * A page on another origin calls the API from a real browser: with its origin in CORS_ORIGINS
 * it reads the answer (after a preflight: JSON and an Authorization header); from an origin not
 * listed the browser refuses to hand it over.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from '../support/node-test';
import type { Browser } from 'playwright-core';
import { USERS, userId } from '../graphql/support/community';
import { startTestApi, type TestApi } from '../graphql/support/api';
import { guardedPage, launchBrowser, skipWithoutChromium as skip } from './support/browser';

/** A static page on its own port: another origin than the API's. */
async function pageServer(): Promise<{ origin: string; server: Server }> {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>shop</title><p>shop'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

let api: TestApi;
let browser: Browser;
let allowed: Awaited<ReturnType<typeof pageServer>>;
let other: Awaited<ReturnType<typeof pageServer>>;
before(async () => {
  if (skip) return;
  [allowed, other] = await Promise.all([pageServer(), pageServer()]);
  api = await startTestApi({ config: { corsOrigins: [allowed.origin] } });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await api?.close();
  allowed?.server.close();
  other?.server.close();
});

/** What the page at `origin` gets when it posts a query with a Bearer token. */
async function callFrom(origin: string, token: string): Promise<{ ok: true; body: unknown } | { ok: false; error: string }> {
  const { page, context } = await guardedPage(browser, [origin, new URL(api.server.url).origin]);
  await page.goto(origin);
  const result = await page.evaluate(
    async ({ url, token }) => {
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: '{ viewer { id } users(first: 1) { totalCount } }' }),
        });
        return { ok: true as const, body: await res.json() };
      } catch (err) {
        return { ok: false as const, error: String(err) };
      }
    },
    { url: api.server.url, token },
  );
  await context.close();
  return result;
}

test('a listed origin calls the API from a browser; another origin cannot read it', { skip, timeout: 120_000 }, async () => {
  const token = await api.token(userId(0));
  const fromAllowed = await callFrom(allowed.origin, token);
  assert.equal(fromAllowed.ok, true, JSON.stringify(fromAllowed));
  assert.deepEqual((fromAllowed as { body: any }).body.data.users, { totalCount: USERS });
  assert.ok((fromAllowed as { body: any }).body.data.viewer, 'the Authorization header went through the preflight');

  const fromOther = await callFrom(other.origin, token);
  assert.equal(fromOther.ok, false);
  assert.match((fromOther as { error: string }).error, /Failed to fetch/);
});
