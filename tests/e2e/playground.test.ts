/**
 * The playground in a real (headless) browser, with every request that leaves this server
 * blocked and counted: the page must load signed in as a demo manager, run the example
 * operations and show seeded data.
 */
import assert from 'node:assert/strict';
import { after, before, test } from '../support/node-test';
import type { Browser } from 'playwright-core';
import { startDemoServer, type DemoServer } from './support/demo-server';
import { guardedPage, launchBrowser, skipWithoutChromium as skip } from './support/browser';

let demo: DemoServer;
let browser: Browser;
before(async () => {
  if (skip) return;
  demo = await startDemoServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await demo?.close();
});

test('GET /graphql in a browser runs the example operations offline', { skip, timeout: 120_000 }, async () => {
  const origin = new URL(demo.server.url).origin;
  const { page, context, outside, errors } = await guardedPage(browser, [origin]);

  await page.goto(demo.server.url, { waitUntil: 'load' });
  const run = page.locator('.graphiql-execute-button');
  await run.waitFor({ state: 'visible', timeout: 60_000 });
  const editor = page.locator('.graphiql-query-editor');
  await editor.getByText('query OpinionLeaders').first().waitFor({ timeout: 30_000 });
  // Several operations: ▶ offers them by name.
  await run.click();
  await page.getByRole('menuitem', { name: 'People', exact: true }).click();

  const response = page.locator('.graphiql-response');
  await response.getByText('"totalCount"').first().waitFor({ timeout: 30_000 });
  const shown = await response.innerText();
  assert.match(shown, new RegExp(`"totalCount":\\s*${demo.counts.users}\\b`), 'the seeded user count');
  assert.match(shown, /"handle":\s*"[a-z0-9_]+"/, 'seeded handles');

  // The manager examples answer with the demo manager's headers (no model yet: empty, not refused).
  await run.click();
  await page.getByRole('menuitem', { name: 'OpinionLeaders', exact: true }).click();
  await response.getByText('"opinionLeaders"').first().waitFor({ timeout: 30_000 });
  assert.doesNotMatch(await response.innerText(), /FORBIDDEN|UNAUTHENTICATED/);

  assert.deepEqual(outside, [], 'no request left the server');
  assert.deepEqual(errors, []);
  await context.close();
});
