import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type ServerProcess } from '../test/helpers/server-process';
import { startTcpProxy, type TcpProxy } from '../test/helpers/tcp-proxy';
import { axeViolations } from './helpers/axe';
import { launchBrowser, newUser, type User } from './helpers/browser';
import { typeAtEnd, waitForEditorValue } from './helpers/monaco';
import { createSession, openSession, type CreatedSession } from './helpers/session';

const OFFLINE_WORDS = 'typed while offline then the tab closed';

function status(page: Page, kind: string) {
  return page.locator(`[data-testid="connection-status"][data-status="${kind}"]`);
}

/**
 * Alice reaches the server through a proxy, so "offline" is what a person without a network has: the
 * browser reports offline and nothing gets through to the server at all, whichever part of the page
 * (the document, its service worker) asks. Bob stays connected directly.
 */
describe('edits made offline survive a closed tab', () => {
  let server: ServerProcess;
  let proxy: TcpProxy;
  let browser: Browser;
  let session: CreatedSession;
  let alice: User;
  let bob: User;

  async function goOffline(): Promise<void> {
    proxy.cut();
    await alice.context.setOffline(true);
  }
  async function goOnline(): Promise<void> {
    proxy.restore();
    await alice.context.setOffline(false);
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ next: true }), launchBrowser()]);
    proxy = await startTcpProxy({ host: '127.0.0.1', port: server.port });
    // Created through the proxy: the links point at Alice's origin.
    session = await createSession(`http://127.0.0.1:${proxy.port}`);
    [alice, bob] = await Promise.all([newUser(browser), newUser(browser)]);
  });
  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await server?.stop();
  });

  it('reopens the link offline with the edits there, and delivers them once back online', async () => {
    await openSession(alice.page, session.editUrl);
    await alice.page.waitForFunction(() => window.sparkpad?.offlineShell() === 'kept');
    await openSession(bob.page, session.editUrl.replace(`:${proxy.port}`, `:${server.port}`));

    await goOffline();
    await status(alice.page, 'offline').waitFor();
    await typeAtEnd(alice.page, `\n// ${OFFLINE_WORDS}`);
    // Once every edit is stored in this browser the badge says so: closing the tab now loses nothing.
    await alice.page.locator('[data-testid="unsent-edits"][data-state="kept"]').waitFor();
    await alice.page.close();

    const reopened = await alice.context.newPage();
    const pageErrors: string[] = [];
    reopened.on('pageerror', (error) => pageErrors.push(error.message));
    await reopened.goto(session.editUrl);
    await waitForEditorValue(reopened, { includes: [OFFLINE_WORDS] });
    // The language workers start from the kept shell too, each as itself: TypeScript still checks types.
    await typeAtEnd(reopened, '\nconst wrongType: number = "text";');
    await expect
      .poll(() => reopened.evaluate(() => window.sparkpad?.markers() ?? []), { timeout: 30_000 })
      .toContainEqual(expect.stringContaining("not assignable to type 'number'"));
    await status(reopened, 'offline').waitFor();
    await reopened.locator('[data-testid="unsent-edits"][data-state="kept"]').waitFor();
    expect(await bob.page.evaluate(() => window.sparkpad?.editorValue())).not.toContain(OFFLINE_WORDS);
    expect(await axeViolations(reopened)).toEqual([]);

    await goOnline();
    await status(reopened, 'online').waitFor({ timeout: 30_000 });
    await waitForEditorValue(bob.page, { includes: [OFFLINE_WORDS] });
    await reopened.getByTestId('unsent-edits').waitFor({ state: 'detached' });
    // Nothing doubled in the merge: the text is there once on both sides.
    const onBob = await waitForEditorValue(bob.page, { includes: [OFFLINE_WORDS] });
    expect(onBob.split(OFFLINE_WORDS).length).toBe(2);
    expect(await waitForEditorValue(reopened, { equals: onBob })).toBe(onBob);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
