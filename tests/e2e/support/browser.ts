/**
 * Headless Debian Chromium for the e2e tests, and pages that may reach only the origins a test
 * allows: every other request is aborted and recorded, so "works offline" is checked, not assumed.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
/** A test's `skip` option: a reason when Chromium is not installed. */
export const skipWithoutChromium = existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing (CI runs \`apt-get install -y chromium\`)`;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface GuardedPage {
  page: Page;
  context: BrowserContext;
  /** Requests to origins not allowed, which were aborted. */
  outside: string[];
  /** Uncaught exceptions and console errors (a CSP violation is one). */
  errors: string[];
}

export async function guardedPage(browser: Browser, allowedOrigins: string[], options: Parameters<Browser['newContext']>[0] = {}): Promise<GuardedPage> {
  const context = await browser.newContext(options);
  const outside: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('data:') || url.startsWith('blob:') || allowedOrigins.includes(new URL(url).origin)) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  return { page, context, outside, errors };
}
