import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type ServerProcess } from '../test/helpers/server-process';
import { launchBrowser, newUser, type User } from './helpers/browser';
import { editorValue, typeAtEnd, waitForEditorValue } from './helpers/monaco';
import { createSession, openSession, type CreatedSession } from './helpers/session';

describe('an open page across a server restart', () => {
  let server: ServerProcess;
  let browser: Browser;
  let session: CreatedSession;
  let alice: User;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ next: true }), launchBrowser()]);
    session = await createSession(server.url);
    alice = await newUser(browser);
    await openSession(alice.page, session.editUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows reconnecting while the server is down, then comes back online without doubling the text', async () => {
    await typeAtEnd(alice.page, '// before the restart');
    const before = await waitForEditorValue(alice.page, { includes: ['// before the restart'] });
    const status = alice.page.getByTestId('connection-status');

    await server.stop();
    await alice.page.locator('[data-testid="connection-status"][data-status="reconnecting"]').waitFor();
    server = await startServer({ next: true, port: server.port, dataDir: server.dataDir });
    await alice.page.locator('[data-testid="connection-status"][data-status="online"]').waitFor({ timeout: 20_000 });
    expect(await status.textContent()).toContain('Online');
    expect(await editorValue(alice.page)).toBe(before);

    // The edit made after the restart reaches a newcomer, who sees the text exactly once.
    await typeAtEnd(alice.page, ' and after');
    const bob = await newUser(browser);
    await openSession(bob.page, session.editUrl);
    const seen = await waitForEditorValue(bob.page, { includes: ['// before the restart and after'] });
    expect(seen.split('// before the restart').length).toBe(2);
    expect(seen).toBe(await editorValue(alice.page));
  });
});
