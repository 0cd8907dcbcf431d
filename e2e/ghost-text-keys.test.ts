import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type ServerProcess } from '../test/helpers/server-process';
import { launchBrowser, newUser, type User } from './helpers/browser';
import { editorValue, focusEditor, setTypingAids, waitForEditorValue } from './helpers/monaco';
import { createSession, openSession } from './helpers/session';
import { announcedAccept, ghostText, ghostTextLines, recordSparkMessageTypes, settledGhostText, waitForSpark } from './helpers/spark';

/** The starter file has greet(); a second function like it gets the rest of greet's body suggested. */
const TYPED = '\nexport function shout(name: string): string {\n  re';

/** Waits until the drawn ghost text, read in screen order, satisfies `check`; returns it. */
async function ghostWhere(page: User['page'], check: 'any' | { startsWith: string }): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const text = await ghostTextLines(page);
    if (check === 'any' ? text.trim() !== '' : text.startsWith(check.startsWith)) return text;
    if (Date.now() > deadline) throw new Error(`ghost text ${JSON.stringify(text)} never matched ${JSON.stringify(check)}`);
    await page.waitForTimeout(20);
  }
}

describe('ghost text drawn by the page: the keys a person uses on it', () => {
  let server: ServerProcess;
  let browser: Browser;
  let ada: User;
  let bo: User;
  let base = '';
  let suggestion = '';
  let adaReceived: string[] = [];
  let boReceived: string[] = [];

  /** Bo's document is Ada's, and his editor draws no ghost text: her suggestion stays hers. */
  async function boSeesOnlyTheDocument(): Promise<void> {
    await waitForEditorValue(bo.page, { equals: (await editorValue(ada.page))! });
    expect(await ghostText(bo.page)).toBe('');
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ next: true }), launchBrowser()]);
    const session = await createSession(server.url);
    [ada, bo] = await Promise.all([newUser(browser), newUser(browser)]);
    [adaReceived, boReceived] = [recordSparkMessageTypes(ada.page), recordSparkMessageTypes(bo.page)];
    await Promise.all([openSession(ada.page, session.editUrl), openSession(bo.page, session.editUrl)]);
    await waitForSpark(ada.page);
    await focusEditor(ada.page);
    await setTypingAids(ada.page, false);
    await ada.page.keyboard.press('Control+End');
    await ada.page.keyboard.type(TYPED);
    base = (await editorValue(ada.page))!;
    suggestion = await ghostWhere(ada.page, 'any');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('draws the suggestion at the cursor as ghost text, not in the document, and nowhere but for Ada', async () => {
    expect(suggestion).toMatch(/^turn /);
    expect(await editorValue(ada.page)).toBe(base);
    await boSeesOnlyTheDocument();
  });

  it('takes the next word on Ctrl+Right and keeps showing the rest', async () => {
    await ada.page.keyboard.press('Control+ArrowRight');
    await waitForEditorValue(ada.page, { equals: `${base}turn` });
    const rest = await ghostWhere(ada.page, { startsWith: suggestion.slice('turn'.length, 'turn'.length + 3) });
    expect(suggestion.startsWith(`turn${rest}`)).toBe(true);
    expect(await announcedAccept(ada.page)).toBe('turn');
    // The accepted word is an edit like any other; the rest of the suggestion is still Ada's alone.
    await boSeesOnlyTheDocument();
  });

  it('consumes the ghost text as Ada types what it predicted, with nothing added', async () => {
    const next = suggestion.slice(4, 7);
    await ada.page.keyboard.type(next);
    await waitForEditorValue(ada.page, { equals: `${base}turn${next}` });
    const rest = await ghostWhere(ada.page, { startsWith: suggestion.slice(7, 10) });
    expect(suggestion.slice(7).startsWith(rest)).toBe(true);
    await boSeesOnlyTheDocument();
  });

  it('hides it on Esc and leaves the document as typed', async () => {
    await ada.page.keyboard.press('Escape');
    await ada.page.waitForFunction(() => !document.querySelector('.monaco-editor [class*="ghost-text"]'), undefined, { polling: 'raf' });
    expect(await editorValue(ada.page)).toBe(`${base}${suggestion.slice(0, 7)}`);
    await boSeesOnlyTheDocument();
  });

  it('inserts exactly what is shown on Tab, tells screen readers, and only then shows it to Bo', async () => {
    await ada.page.keyboard.press('Backspace');
    const before = (await editorValue(ada.page))!;
    // All of it: Tab takes what is drawn at that moment, and more may still be streaming in.
    const shown = await settledGhostText(ada.page, 15_000);
    expect(await ghostText(bo.page)).toBe('');
    await ada.page.keyboard.press('Tab');
    const after = await waitForEditorValue(ada.page, { equals: before + shown });
    expect(await announcedAccept(ada.page)).toBe(shown);
    await waitForEditorValue(bo.page, { equals: after });
    expect(await ghostText(bo.page)).toBe('');
    // Not one suggestion message reached Bo's browser (Ada's got them, so they would be seen).
    expect(adaReceived).toContain('complete:chunk');
    expect(boReceived.filter((type) => type.startsWith('complete'))).toEqual([]);
    expect(ada.errors).toEqual([]);
    expect(bo.errors).toEqual([]);
  });
});
