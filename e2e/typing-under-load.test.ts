import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type ServerProcess } from '../test/helpers/server-process';
import { launchBrowser, newUser, type User } from './helpers/browser';
import { editorValue, focusEditor } from './helpers/monaco';
import { createSession, openSession } from './helpers/session';
import { ghostTextLines, waitForSpark } from './helpers/spark';
import { loadAllCores, planTyping, playStroke } from './helpers/typing-script';

const CODE = fs.readFileSync(path.join(import.meta.dirname, 'fixtures/typed-code.txt'), 'utf8').slice(0, 2000);

/** Ghost text on screen once Spark has finished streaming it; '' when none came within `ms`. */
async function settledGhostText(user: User, ms: number): Promise<string> {
  const appeared = await user.page
    .waitForFunction(() => document.querySelector('.monaco-editor [class*="ghost-text"]')?.textContent?.trim(), undefined, { timeout: ms, polling: 'raf' })
    .then(() => true)
    .catch(() => false);
  if (!appeared) return '';
  await user.page.waitForFunction(() => window.sparkpad?.suggestions().at(-1)?.tier != null, undefined, { timeout: ms }).catch(() => null);
  return ghostTextLines(user.page);
}

/** Where two texts part, with a little context, or null when they are equal: a readable failure. */
function firstDifference(actual: string, expected: string): string | null {
  if (actual === expected) return null;
  let at = 0;
  while (at < actual.length && actual[at] === expected[at]) at++;
  const around = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 40), at + 40));
  return `differs at ${at}: typed ${around(expected)}, document ${around(actual)}`;
}

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
    await ada.page.evaluate(() => window.sparkpad?.typingAids(false));
    await ada.page.keyboard.press('Control+End');
    await ada.page.keyboard.press('Enter');
    return (await editorValue(ada.page))!;
  }

  it('puts exactly the typed characters in the document, none lost, none added', { timeout: 600_000 }, async () => {
    let expected = await startAtEnd();
    let pausesWithGhostText = 0;
    for (const stroke of planTyping(CODE)) {
      if (stroke.kind === 'pause') {
        if ((await settledGhostText(ada, stroke.ms)) !== '') pausesWithGhostText++;
        continue;
      }
      await playStroke(ada.page, stroke);
      if (stroke.kind !== 'mistake') expected += stroke.text;
    }
    await ada.page.waitForTimeout(200);
    expect(firstDifference((await editorValue(ada.page))!, expected)).toBeNull();
    // The keys went through ghost text, not past an editor that suggested nothing.
    expect(pausesWithGhostText).toBeGreaterThan(3);
  });
});
