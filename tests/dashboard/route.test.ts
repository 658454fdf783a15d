/**
 * /dashboard: the page and only the listed files, all from this server, under a CSP that allows
 * nothing else (its one inline script, the import map, by hash).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from '../support/node-test';
import { startTestApi, type TestApi } from '../graphql/support/api';

let api: TestApi;
let origin: string;
before(async () => {
  api = await startTestApi();
  origin = new URL(api.server.url).origin;
});
after(() => api.close());

test('the page names the API and the development sign-in, and its CSP allows only this server', async () => {
  const res = await fetch(`${origin}/dashboard`);
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /data-graphql="\/graphql"/);
  assert.match(html, /data-dev-headers="true"/);
  assert.match(html, /data-demo-handle="[a-z0-9_]+"/, 'a user to sign in as in development');
  const csp = res.headers.get('content-security-policy')!;
  assert.match(csp, /default-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:/);
  const importMap = html.match(/<script type="importmap">(.*?)<\/script>/)![1];
  assert.ok(csp.includes(`'sha256-${createHash('sha256').update(importMap).digest('base64')}'`), 'the import map is allowed by its hash');
  assert.doesNotMatch(html, /(?:src|href)="(?:https?:)?\/\//, 'nothing from another host');
});

test('its modules and libraries are served with validators; anything else is 404', async () => {
  const html = await (await fetch(`${origin}/dashboard`)).text();
  const importMap = JSON.parse(html.match(/<script type="importmap">(.*?)<\/script>/)![1]) as { imports: Record<string, string> };
  const files = [...Object.values(importMap.imports), '/dashboard/assets/app.js', '/dashboard/assets/dashboard.css', '/dashboard/assets/uplot.css'];
  for (const file of files) {
    const res = await fetch(`${origin}${file}`);
    assert.equal(res.status, 200, file);
    assert.match(res.headers.get('content-type')!, /javascript|css/);
    const etag = res.headers.get('etag')!;
    assert.equal((await fetch(`${origin}${file}`, { headers: { 'if-none-match': etag } })).status, 304, `${file} revalidates`);
  }
  for (const path of ['/dashboard/assets/../../package.json', '/dashboard/assets/route.ts', '/dashboard/assets/', '/dashboard/nope']) {
    assert.equal((await fetch(`${origin}${path}`)).status, 404, path);
  }
  assert.equal((await fetch(`${origin}/dashboard`, { method: 'POST' })).status, 405);
});
