/**
 * The managers' dashboard in headless Chromium with every request outside this server blocked:
 * sign in with a manager's token, open each view and see charts and tables filled from the demo
 * community (its three models trained first, as a first start does), export opinion leaders as
 * CSV, train a model with "Train now" and watch the job finish. Each view passes axe-core with no
 * serious or critical violation. With SCREENSHOT_DIR set, each view is saved there as a PNG
 * (`npm run screenshots` writes docs/screenshots/).
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, test } from '../support/node-test';
import type { Browser, Page } from 'playwright-core';
import { signToken } from '../../src/server/auth/sign';
import { testConfig } from '../graphql/support/api';
import { createLogger } from '../../src/server/logger';
import { trainMissingModels } from '../../src/server/train-on-seed';
import { guardedPage, launchBrowser, skipWithoutChromium as skip } from './support/browser';
import { startDemoServer, type DemoServer } from './support/demo-server';

const AXE_SOURCE = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;

let demo: DemoServer;
let browser: Browser;
let dashboard: string;
let origin: string;
let trainSeconds: number;
before(async () => {
  if (skip) return;
  demo = await startDemoServer();
  const started = Date.now();
  await trainMissingModels(demo.server.store, demo.server.training, createLogger({ logLevel: 'silent' }));
  trainSeconds = (Date.now() - started) / 1000;
  origin = new URL(demo.server.url).origin;
  dashboard = `${origin}/dashboard`;
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await demo?.close();
});

/** axe-core's serious and critical violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's CSP (script-src 'self') stays in force.
  await page.evaluate(await AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v: any) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n: any) => n.target.join(' ')) }));
  });
  return violations.filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical').map((v: any) => `${v.id} (${v.impact}): ${v.nodes.join(', ')}`);
}

async function checkView(page: Page, name: string): Promise<void> {
  assert.deepEqual(await seriousViolations(page), [], `${name}: no serious or critical accessibility violations`);
  if (SCREENSHOT_DIR) await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

const rows = (page: Page, table: string) => page.locator(`${table} tbody tr`);
const chartPoints = async (page: Page) => Number(await page.locator('.chart [role=img]').first().getAttribute('data-points'));

async function signIn(page: Page, token: string): Promise<void> {
  await page.goto(dashboard);
  await page.getByLabel('a Bearer token').check();
  await page.getByLabel(/Manager token/).fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a manager signs in, reads every view offline, exports CSV and trains a model', { skip, timeout: 600_000 }, async (t) => {
  t.diagnostic(`the three models trained on the small demo in ${trainSeconds.toFixed(0)} s before the test`);
  const leader = (await demo.server.store.users.list({ filter: {}, sort: 'MOST_FOLLOWED', page: { offset: 0, limit: 1 } })).items[0];
  const { page, context, outside, errors } = await guardedPage(browser, [origin], { viewport: { width: 1280, height: 900 }, acceptDownloads: true });

  // A user without the manager role is turned away.
  await signIn(page, await signToken(testConfig().auth, { userId: leader.id, roles: [], ttl: '1h' }));
  await page.getByRole('alert').getByText('This account is not a manager.').waitFor();
  if (SCREENSHOT_DIR) await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'sign-in.png') });
  assert.deepEqual(await seriousViolations(page), [], 'sign-in: no serious or critical accessibility violations');

  await signIn(page, await signToken(testConfig().auth, { userId: leader.id, roles: ['manager'], ttl: '1h' }));
  await page.getByText(`Signed in as`).waitFor();

  // Overview: counts, three published models with metrics, and the weekly activity chart.
  await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
  await rows(page, 'table.models').first().waitFor();
  assert.equal(await rows(page, 'table.models').count(), 3);
  // The table renders as soon as the overview answers; every model was published before the browser started.
  await page.locator('table.models tbody tr[data-kind=INFLUENCE] .metrics').waitFor();
  assert.equal(await page.getByText('not trained yet').count(), 0, 'every model is published');
  assert.ok((await page.locator('.metrics li').count()) >= 3, 'recorded metrics are shown');
  assert.equal(await page.locator('.counts dd').first().innerText(), String(demo.counts.users));
  assert.ok((await chartPoints(page)) > 10, 'the activity chart has weeks to draw');
  await checkView(page, 'overview');

  // Communities: sortable list, then one community's history, forecast band and leaders.
  await page.getByRole('link', { name: 'Communities', exact: true }).click();
  await rows(page, 'table.sortable').first().waitFor();
  const communities = await rows(page, 'table.sortable').count();
  assert.ok(communities > 0);
  await page.getByRole('button', { name: /^Members/ }).click();
  assert.equal(await page.locator('th[aria-sort]').getAttribute('aria-sort'), 'ascending', 'a second click reverses the order');
  await rows(page, 'table.sortable').first().getByRole('link').click();
  await page.locator('.detail .chart').waitFor();
  assert.ok((await chartPoints(page)) > 10, 'history and forecast weeks');
  assert.ok((await page.locator('.detail ol li').count()) > 0, 'top categories');
  assert.ok((await rows(page, '.detail table').count()) > 0, 'opinion leaders');
  await checkView(page, 'communities');

  // Opinion leaders: filter by category, export what the filter selects.
  await page.getByRole('link', { name: 'Opinion leaders', exact: true }).click();
  await rows(page, 'table.leaders').first().waitFor();
  const category = page.getByLabel('Category');
  await category.locator('option').nth(1).waitFor({ state: 'attached' });
  const categoryId = (await category.locator('option').nth(1).getAttribute('value'))!;
  await category.selectOption(categoryId);
  await page.locator(`table.leaders[data-category="${categoryId}"]`).waitFor();
  assert.ok(await page.getByText('ranks are within the category').isVisible());
  const shown = Number((await page.locator('p.muted', { hasText: 'users ranked by model' }).innerText()).match(/^([\d,]+)/)![1].replace(/,/g, ''));
  assert.ok(shown > 0 && (await rows(page, 'table.leaders').count()) > 0);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  assert.match(download.suggestedFilename(), /^opinion-leaders-.+\.csv$/);
  const csv = await readFile((await download.path())!, 'utf8');
  const lines = csv.trimEnd().split('\r\n');
  assert.equal(lines[0], 'rank,handle,display_name,score,percentile,followers_reached,followers_engaged,top_categories,examples');
  assert.equal(lines.length - 1, shown, 'every leader the filter selects is exported');
  assert.match(lines[1], /^1,/, 'best first, ranked within the category');
  await checkView(page, 'opinion-leaders');

  // A user's view: search, then recommendations with reasons, community and influence.
  await page.getByRole('link', { name: "A user's view", exact: true }).click();
  await page.getByLabel('Handle or name').fill(leader.handle.slice(0, 4));
  await page.getByRole('button', { name: 'Search' }).click();
  await page.locator('.found a', { hasText: leader.displayName }).first().click();
  await rows(page, 'table.recommendations').first().waitFor();
  assert.equal(await page.locator('table.recommendations').getAttribute('data-source'), 'MODEL');
  assert.ok((await rows(page, 'table.recommendations').count()) > 0);
  assert.notEqual(await page.locator('dt:text("Community") + dd').innerText(), '–', 'the community is shown');
  assert.notEqual(await page.locator('dt:text("Influence rank") + dd').innerText(), '–', 'influence is shown');
  await checkView(page, 'user');

  // Train now: the job runs, the status updates live, and the new version is listed.
  await page.getByRole('link', { name: 'Overview', exact: true }).click();
  const row = page.locator('table.models tr[data-kind=INFLUENCE]');
  const before = await row.locator('td').first().innerText();
  await row.getByRole('button', { name: /Train/ }).click();
  await row.locator('[data-status=RUNNING]').waitFor();
  const clicked = Date.now();
  await row.locator('[data-status=SUCCEEDED]').waitFor({ timeout: 300_000 });
  t.diagnostic(`"Train now" (influence) finished in ${((Date.now() - clicked) / 1000).toFixed(0)} s`);
  await page.waitForFunction((old) => document.querySelector('tr[data-kind=INFLUENCE] td')?.textContent !== old, before);
  if (SCREENSHOT_DIR) await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'overview-after-training.png'), fullPage: true });

  assert.deepEqual(outside, [], 'nothing was requested from outside the server');
  assert.deepEqual(errors, [], 'no script errors or CSP violations');
  await context.close();
});
