/**
 * The playground in a real (headless) browser, with every request that leaves this server
 * blocked and counted: the page must load, run the example query and show seeded data.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { startDemoServer, type DemoServer } from './support/demo-server';

const CHROMIUM = '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing (CI runs \`apt-get install -y chromium\`)`;

let demo: DemoServer;
let browser: Browser;
before(async () => {
  if (skip) return;
  demo = await startDemoServer();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});
after(async () => {
  await browser?.close();
  await demo?.close();
});

test('GET /graphql in a browser runs the example query offline', { skip, timeout: 120_000 }, async () => {
  const origin = new URL(demo.server.url).origin;
  const outside: string[] = [];
  const page = await browser.newPage();
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));

  await page.goto(demo.server.url, { waitUntil: 'load' });
  const run = page.locator('.graphiql-execute-button');
  await run.waitFor({ state: 'visible', timeout: 60_000 });
  const editor = page.locator('.graphiql-query-editor');
  await editor.getByText('users(first: 5)').first().waitFor({ timeout: 30_000 });
  await run.click();

  const response = page.locator('.graphiql-response');
  await response.getByText('"totalCount"').first().waitFor({ timeout: 30_000 });
  const shown = await response.innerText();
  assert.match(shown, new RegExp(`"totalCount":\\s*${demo.counts.users}\\b`), 'the seeded user count');
  assert.match(shown, /"handle":\s*"[a-z0-9_]+"/, 'seeded handles');
  assert.deepEqual(outside, [], 'no request left the server');
  assert.deepEqual(pageErrors, []);
  await page.close();
});
