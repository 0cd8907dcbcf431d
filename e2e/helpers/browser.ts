// e2e/helpers/: driving Chromium like a person: browsers and people (here), sessions, Monaco, Spark's
// ghost text and edits, settings, pixels, accessibility checks; the set-up itself is in e2e/fixtures/.

import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium: playwright-core downloads no browser here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** One person: a fresh browser context (own storage, own identity) and a page in it. */
export interface User {
  context: BrowserContext;
  page: Page;
  /** Every URL this person's page requested, to prove nothing came from another origin (no CDN). */
  requests: string[];
  /** Uncaught page errors, so a test can assert the page ran cleanly. */
  errors: string[];
  /** Script URLs of the web workers the page started (Monaco's language services). */
  workers: string[];
}

export interface UserOptions {
  /** Let the page read and write the clipboard (share dialog copy). */
  clipboard?: boolean;
  origin?: string;
  /**
   * Keep the offline shell's service worker out, so every request of the page goes through the context's
   * routes (a request a service worker fetches or answers from its cache never reaches them).
   */
  noServiceWorker?: boolean;
}

export async function newUser(browser: Browser, options: UserOptions = {}): Promise<User> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 760 },
    serviceWorkers: options.noServiceWorker ? 'block' : 'allow',
  });
  if (options.clipboard && options.origin) {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: options.origin });
  }
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  const workers: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('worker', (worker) => workers.push(worker.url()));
  return { context, page, requests, errors, workers };
}

/** Requests that left the app's origin (data: and blob: URLs are local). */
export function foreignRequests(user: User, origin: string): string[] {
  return user.requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'));
}
