import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { readTokenClaims } from '../lib/shared/share-token';
import { startServer, type ServerProcess } from '../test/helpers/server-process';
import { connectClient, whenDoc } from '../test/helpers/yjs-client';
import { foreignRequests, launchBrowser, newUser } from './helpers/browser';
import { editorValue, typeAtEnd, waitForEditorValue } from './helpers/monaco';
import { openSession, waitUntilReady } from './helpers/session';

describe('starting and sharing a session from the landing page', () => {
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ next: true }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Presses New session on the landing page, waits for the editor, and opens the Share dialog. */
  const startAsCreator = async (clipboard: boolean) => {
    const host = await newUser(browser, { clipboard, origin: server.url });
    await host.page.goto(server.url);
    await host.page.getByTestId('new-session-button').click();
    await host.page.waitForURL(/\/s\/[A-Za-z0-9_-]{22}#k=/);
    await waitUntilReady(host.page);
    await host.page.getByTestId('share-button').click();
    return host;
  };

  it('opens the copied edit link in a new browser as a second editor', async () => {
    const host = await startAsCreator(true);
    const editLink = await host.page.getByTestId('share-edit-link').inputValue();
    const viewLink = await host.page.getByTestId('share-view-link').inputValue();
    expect(editLink).toBe(host.page.url());
    const room = new URL(editLink).pathname.split('/').pop();
    expect(readTokenClaims(new URL(viewLink).hash.slice('#k='.length))).toMatchObject({ r: room, p: 'view' });

    await host.page.getByTestId('copy-edit-link').click();
    await host.page.getByTestId('copy-edit-link').filter({ hasText: 'Copied' }).waitFor();
    const copied = await host.page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(editLink);
    await host.page.getByTestId('share-close').click();

    const guest = await newUser(browser);
    await openSession(guest.page, copied);
    expect(await guest.page.getByTestId('read-only-badge').count()).toBe(0);
    expect(await editorValue(guest.page)).toBe(await editorValue(host.page));

    await typeAtEnd(guest.page, '// the guest can edit');
    await waitForEditorValue(host.page, { includes: ['// the guest can edit'] });
    expect(foreignRequests(host, server.url)).toEqual([]);
    expect(foreignRequests(guest, server.url)).toEqual([]);
  });

  it('lets the creator reset the links: a guest on the old link is cut off, the creator keeps editing', async () => {
    const host = await startAsCreator(false);
    const oldEditLink = await host.page.getByTestId('share-edit-link').inputValue();
    // The owner link is shown to its creator, and is not the link in the address bar.
    const ownerLink = await host.page.getByTestId('share-owner-link').inputValue();
    expect(readTokenClaims(new URL(ownerLink).hash.slice('#k='.length))).toMatchObject({ p: 'owner' });
    expect(host.page.url()).not.toBe(ownerLink);

    const guest = await newUser(browser);
    await openSession(guest.page, oldEditLink);
    await host.page.getByTestId('reset-links').click();
    await host.page.getByTestId('reset-links-confirm').click();
    await host.page.waitForFunction((old) => (document.querySelector('[data-testid="share-edit-link"]') as HTMLInputElement | null)?.value !== old, oldEditLink);
    const newEditLink = await host.page.getByTestId('share-edit-link').inputValue();

    const notice = guest.page.getByTestId('session-notice');
    await notice.waitFor();
    expect(await notice.getAttribute('data-reason')).toBe('LINKS_ROTATED');
    await host.page.getByTestId('share-close').click();
    await typeAtEnd(host.page, '// the owner still types');
    // The new edit link opens the room and sees what the owner typed after the reset.
    const { pathname, hash } = new URL(newEditLink);
    const newcomer = connectClient(server.wsUrl, pathname.split('/').pop()!, hash.slice('#k='.length));
    await whenDoc(newcomer.doc, () => newcomer.read('main.ts').includes('// the owner still types'));
    expect(await host.page.getByTestId('connection-status').getAttribute('data-status')).toBe('online');
    newcomer.destroy();
    await Promise.all([host.context.close(), guest.context.close()]);
  });

  it('explains a link without a valid key instead of showing an empty editor', async () => {
    const stranger = await newUser(browser);
    await stranger.page.goto(`${server.url}/s/AAAAAAAAAAAAAAAAAAAAAA#k=not-a-token`);
    const notice = stranger.page.getByTestId('session-notice');
    await notice.waitFor();
    expect(await notice.getAttribute('data-reason')).toBe('UNAUTHORIZED');
    expect(await stranger.page.getByTestId('connection-status').getAttribute('data-status')).toBe('refused');
  });
});
