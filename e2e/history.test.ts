import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type ServerProcess } from '../test/helpers/server-process';
import { axeViolations } from './helpers/axe';
import { launchBrowser, newUser, type User } from './helpers/browser';
import { typeAtEnd, waitForEditorValue } from './helpers/monaco';
import { createSession, openSession, setName, type CreatedSession } from './helpers/session';

/** Screenshots stay behind for a person to look at. */
const SHOTS = fs.mkdtempSync(path.join(os.tmpdir(), 'sparkpad-history-'));

async function openHistory(page: Page): Promise<void> {
  await page.getByTestId('history-button').click();
  await page.getByTestId('history-panel').waitFor();
}

async function saveVersion(page: Page, label: string): Promise<void> {
  await openHistory(page);
  await page.getByTestId('version-label').fill(label);
  await page.getByTestId('save-version').click();
  await page.locator('[data-testid="history-version"][aria-current="true"]', { hasText: label }).waitFor();
  await page.getByTestId('history-close').click();
  await page.getByTestId('history-panel').waitFor({ state: 'detached' });
}

/** The diff's added and removed lines as shown, without the signs or who wrote them. */
async function diffLines(page: Page, kind: 'added' | 'removed'): Promise<string[]> {
  const rows = await page.locator(`[data-testid="history-diff"] [data-diff="${kind}"]`).evaluateAll((spans) =>
    spans.map((span) => {
      const row = span.cloneNode(true) as HTMLElement;
      row.querySelectorAll('[data-testid="diff-writer"]').forEach((writer) => writer.remove());
      return row.textContent ?? '';
    }),
  );
  return rows.map((row) => row.replace(/^(added since: |gone since: )?[+−]/, '').trim());
}

/** The names shown beside the diff's added lines, one per attributed line. */
async function diffWriters(page: Page): Promise<string[]> {
  const names = await page.locator('[data-testid="history-diff"] [data-testid="diff-writer"]').allTextContents();
  return names.map((name) => name.replace(', written by ', '').trim());
}

describe('history in the browser', () => {
  let server: ServerProcess;
  let browser: Browser;
  let session: CreatedSession;
  let ada: User;
  let bob: User;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ next: true }), launchBrowser()]);
    session = await createSession(server.url);
    [ada, bob] = await Promise.all([newUser(browser), newUser(browser)]);
    await Promise.all([openSession(ada.page, session.editUrl), openSession(bob.page, session.editUrl)]);
    await setName(ada.page, 'Ada');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('scrubs the timeline, shows the diff against now, and restores one file that the other browser sees arrive', async () => {
    await saveVersion(ada.page, 'starter');
    await typeAtEnd(ada.page, '// step one');
    await saveVersion(ada.page, 'one step');
    await typeAtEnd(ada.page, '\n// step two');
    await waitForEditorValue(bob.page, { includes: ['// step one', '// step two'] });

    await openHistory(ada.page);
    const scrubber = ada.page.getByTestId('history-scrubber');
    expect(await scrubber.getAttribute('aria-valuetext')).toContain('one step');
    expect(await diffLines(ada.page, 'added')).toEqual(['// step two']);

    await scrubber.focus();
    await ada.page.keyboard.press('ArrowLeft');
    await ada.page.locator('[data-testid="history-version"][aria-current="true"]', { hasText: 'starter' }).waitFor();
    await ada.page.waitForFunction(() => document.querySelectorAll('[data-testid="history-diff"] [data-diff="added"]').length === 2);
    expect(await diffLines(ada.page, 'added')).toEqual(['// step one', '// step two']);
    // Each line added since is shown with who wrote it.
    expect(await diffWriters(ada.page)).toEqual(['Ada', 'Ada']);
    expect(await ada.page.locator('[data-testid="history-file"][data-status="changed"]').allTextContents()).toEqual([
      expect.stringContaining('main.ts'),
    ]);
    await ada.page.screenshot({ path: path.join(SHOTS, 'history-wide.png') });
    expect(await axeViolations(ada.page)).toEqual([]);

    // Bob watches the history while Ada restores.
    await openHistory(bob.page);
    await ada.page.getByTestId('restore-file').click();
    const restored = await waitForEditorValue(bob.page, { excludes: ['// step one', '// step two'], includes: ['greet'] });
    expect(restored).not.toContain('step');
    await bob.page.locator('[data-testid="history-version"][data-kind="restore"]').first().waitFor();
    await bob.page.getByTestId('history-close').click();
    // The restore kept the present first: it is the newest version now, and the panel shows it.
    await ada.page.locator('[data-testid="history-version"][data-kind="restore"]').first().waitFor();
    // Escape closes the panel and gives focus back to the button that opened it.
    await ada.page.keyboard.press('Escape');
    await ada.page.getByTestId('history-panel').waitFor({ state: 'detached' });
    expect(await ada.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('history-button');
    await waitForEditorValue(ada.page, { equals: restored });
  });

  it('lets a view-only link browse history without restore controls, also in the narrow drawer layout', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await openSession(page, session.viewUrl);
    await openHistory(page);
    await page.locator('[data-testid="history-version"]').first().waitFor();
    await page.getByTestId('history-view-only').waitFor();
    expect(await page.getByTestId('restore-file').count()).toBe(0);
    expect(await page.getByTestId('save-version').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const panel = (await page.getByTestId('history-panel').boundingBox())!;
    expect(panel.x + panel.width).toBeLessThanOrEqual(390);
    for (const button of ['history-button', 'share-button']) {
      const box = (await page.getByTestId(button).boundingBox())!;
      expect(box.x + box.width, button).toBeLessThanOrEqual(390);
    }
    await page.screenshot({ path: path.join(SHOTS, 'history-narrow.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
