import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type ServerProcess } from '../test/helpers/server-process';
import { launchBrowser, newUser, type User } from './helpers/browser';
import { editorValue, focusEditor, setTypingAids, waitForEditorValue } from './helpers/monaco';
import { createSession, openSession } from './helpers/session';
import { announcedAccept, settledGhostText, waitForSpark } from './helpers/spark';
import { firstDifference, loadAllCores, planTyping, playStroke } from './helpers/typing-script';

const CODE = fs.readFileSync(path.join(import.meta.dirname, 'fixtures/typed-code.txt'), 'utf8').slice(0, 2000);

describe('typing code through live ghost text while the machine is busy', () => {
  let server: ServerProcess;
  let browser: Browser;
  let ada: User;
  let load: { stop(): void };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ next: true }), launchBrowser()]);
    ada = await newUser(browser);
    await openSession(ada.page, (await createSession(server.url)).editUrl);
    await waitForSpark(ada.page);
    load = loadAllCores(2);
  });
  afterAll(async () => {
    load?.stop();
    await browser?.close();
    await server?.stop();
  });

  async function startAtEnd(): Promise<string> {
    await focusEditor(ada.page);
    await setTypingAids(ada.page, false);
    await ada.page.keyboard.press('Control+End');
    await ada.page.keyboard.press('Enter');
    return (await editorValue(ada.page))!;
  }

  it('leaves a closing bracket typed at a line start where it was typed, brackets balanced or not', async () => {
    const before = await startAtEnd();
    // Monaco would move this `}` under the `if (b) {` it closes: two spaces nobody typed.
    const typed = 'if (a) {\n  if (b) {\n}';
    for (const line of typed.split(/(\n)/)) {
      if (line === '\n') await ada.page.keyboard.press('Enter');
      else await ada.page.keyboard.type(line);
    }
    expect(firstDifference(await documentOnceItIs(before + typed), before + typed)).toBeNull();
  });

  it('puts exactly the typed characters in the document, none lost, none added', { timeout: 600_000 }, async () => {
    let expected = await startAtEnd();
    let pausesWithGhostText = 0;
    for (const stroke of planTyping(CODE)) {
      if (stroke.kind === 'pause') {
        if ((await settledGhostText(ada.page, stroke.ms)) !== '') pausesWithGhostText++;
        continue;
      }
      await playStroke(ada.page, stroke);
      if (stroke.kind !== 'mistake') expected += stroke.text;
    }
    expect(firstDifference(await documentOnceItIs(expected), expected)).toBeNull();
    // The keys went through ghost text, not past an editor that suggested nothing.
    expect(pausesWithGhostText).toBeGreaterThan(3);
  });

  it('puts the typed characters plus exactly the accepted suggestions in the document', { timeout: 600_000 }, async () => {
    let expected = await startAtEnd();
    const accepts: Array<{ shown: string; inserted: string; announced: string }> = [];
    for (const stroke of planTyping(CODE, 11)) {
      if (stroke.kind !== 'pause') {
        await playStroke(ada.page, stroke);
        if (stroke.kind !== 'mistake') expected += stroke.text;
        continue;
      }
      const shown = await settledGhostText(ada.page, 1500);
      if (shown === '') continue;
      // Everything typed so far is in, so what Tab adds is at the end.
      expect(firstDifference(await documentOnceItIs(expected), expected), 'before Tab').toBeNull();
      await ada.page.keyboard.press('Tab');
      const value = await changedFrom(expected);
      expect(firstDifference(value.slice(0, expected.length), expected), `Tab with ${JSON.stringify(shown)} shown`).toBeNull();
      const inserted = value.slice(expected.length);
      accepts.push({ shown, inserted, announced: await announcedAccept(ada.page) });
      expected = value;
    }
    expect(firstDifference(await documentOnceItIs(expected), expected)).toBeNull();
    // Each Tab inserted exactly the text on screen (a suggestion that starts on the next line shows
    // there), and that is what screen readers were told.
    for (const accept of accepts) {
      expect(accept.inserted.replace(/^\n/, '')).toBe(accept.shown);
      expect(accept.announced).toBe(accept.inserted);
    }
    expect(accepts.length).toBeGreaterThan(3);
  });

  /** The document once it equals `expected`, or as it is when it does not within a few seconds. */
  async function documentOnceItIs(expected: string): Promise<string> {
    return waitForEditorValue(ada.page, { equals: expected }, 5_000).catch(async () => (await editorValue(ada.page))!);
  }

  /** The document once it differs from `before`. */
  async function changedFrom(before: string): Promise<string> {
    const handle = await ada.page.waitForFunction((previous) => {
      const value = window.sparkpad?.editorValue();
      return value != null && value !== previous ? value : null;
    }, before);
    return (await handle.jsonValue()) as string;
  }
});
