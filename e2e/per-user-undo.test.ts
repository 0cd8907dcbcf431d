import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { STARTER_FILE } from '../lib/shared/document/doc-model';
import { startServer, type ServerProcess } from '../test/helpers/server-process';
import { launchBrowser, newUser, type User } from './helpers/browser';
import { focusEditor, typeAtEnd, waitForEditorValue } from './helpers/monaco';
import { createSession, openSession } from './helpers/session';

describe('each person undoes only their own edits', () => {
  let server: ServerProcess;
  let browser: Browser;
  let alice: User;
  let bob: User;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ next: true }), launchBrowser()]);
    const session = await createSession(server.url);
    [alice, bob] = await Promise.all([newUser(browser), newUser(browser)]);
    await openSession(alice.page, session.editUrl);
    await openSession(bob.page, session.editUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('removes Alice’s last edit on Ctrl+Z and keeps the text Bob typed after it', async () => {
    const start = await waitForEditorValue(bob.page, { equals: STARTER_FILE.content });

    await typeAtEnd(alice.page, '// from Alice');
    await waitForEditorValue(bob.page, { equals: `${start}// from Alice` });
    await typeAtEnd(bob.page, '\n// from Bob');
    await waitForEditorValue(alice.page, { equals: `${start}// from Alice\n// from Bob` });

    await focusEditor(alice.page);
    await alice.page.keyboard.press('Control+z');

    const expected = `${start}\n// from Bob`;
    expect(await waitForEditorValue(alice.page, { equals: expected })).toBe(expected);
    expect(await waitForEditorValue(bob.page, { equals: expected })).toBe(expected);
  });

  it('brings Alice’s edit back on Shift+Ctrl+Z without touching Bob’s', async () => {
    await focusEditor(alice.page);
    await alice.page.keyboard.press('Control+Shift+z');
    const start = STARTER_FILE.content;
    const expected = `${start}// from Alice\n// from Bob`;
    expect(await waitForEditorValue(bob.page, { equals: expected })).toBe(expected);
  });

  it('undoes Bob’s edit for Bob without taking what Alice typed after it', async () => {
    await typeAtEnd(alice.page, ' again');
    const expected = `${STARTER_FILE.content}// from Alice\n// from Bob again`;
    await waitForEditorValue(bob.page, { equals: expected });
    // Bob's undo history holds only "\n// from Bob"; undoing it must not take Alice's " again".
    await focusEditor(bob.page);
    await bob.page.keyboard.press('Control+z');
    const afterBobUndo = `${STARTER_FILE.content}// from Alice again`;
    expect(await waitForEditorValue(alice.page, { equals: afterBobUndo })).toBe(afterBobUndo);
  });
});
