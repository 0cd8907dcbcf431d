import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type ServerProcess } from '../test/helpers/server-process';
import { launchBrowser } from './helpers/browser';
import { focusEditor } from './helpers/monaco';
import { brightness, pixelAt } from './helpers/pixels';
import { chooseSetting, closeSettings, openSettings } from './helpers/settings';
import { createSession, openSession } from './helpers/session';

/** Screenshots stay behind for a person to look at. */
const SHOTS = fs.mkdtempSync(path.join(os.tmpdir(), 'sparkpad-shots-'));

async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await openSettings(page);
  await chooseSetting(page, 'theme', theme);
  await closeSettings(page);
  await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
}

/** An empty spot of the editor: right of the short lines, below the header. */
async function editorBlankPoint(page: Page): Promise<{ x: number; y: number }> {
  const box = (await page.locator('.monaco-editor').boundingBox())!;
  return { x: Math.round(box.x + box.width * 0.8), y: Math.round(box.y + box.height * 0.6) };
}

describe('themes and small screens', () => {
  let server: ServerProcess;
  let browser: Browser;
  let editUrl: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ next: true }), launchBrowser()]);
    editUrl = (await createSession(server.url)).editUrl;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('draws the editor background light in the light theme and dark in the dark theme', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 760 } });
    const page = await context.newPage();
    await openSession(page, editUrl);
    const shots: Record<string, Buffer> = {};
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(page, theme);
      await page.locator('.monaco-editor.vs-dark, .monaco-editor.vs').first().waitFor();
      shots[theme] = await page.screenshot({ path: path.join(SHOTS, `session-${theme}.png`) });
    }
    const point = await editorBlankPoint(page);
    const light = await pixelAt(page, shots.light!, point.x, point.y);
    const dark = await pixelAt(page, shots.dark!, point.x, point.y);
    expect(brightness(light)).toBeGreaterThan(230);
    expect(brightness(dark)).toBeLessThan(40);
    // The page around the editor follows the same theme: the header is light in light, dark in dark.
    const header = (await page.locator('.session-header').boundingBox())!;
    const headerPoint = { x: Math.round(header.x + header.width / 2), y: Math.round(header.y + 4) };
    expect(brightness(await pixelAt(page, shots.light!, headerPoint.x, headerPoint.y))).toBeGreaterThan(200);
    expect(brightness(await pixelAt(page, shots.dark!, headerPoint.x, headerPoint.y))).toBeLessThan(60);
    await context.close();
  });

  it('at 390×844 shows the editor across the screen and opens the side panels as drawers', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await openSession(page, editUrl);
    const editor = (await page.locator('.monaco-editor').boundingBox())!;
    expect(editor.x).toBeGreaterThanOrEqual(0);
    expect(editor.x + editor.width).toBeLessThanOrEqual(390);
    expect(editor.width).toBeGreaterThan(340);
    expect(editor.height).toBeGreaterThan(300);
    // Nothing is wider than the screen: no sideways scrolling of the page.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // Closed drawers are off screen and out of the Tab order.
    expect(await page.getByTestId('file-tree').isVisible()).toBe(false);
    expect(await page.getByTestId('ai-panel').isVisible()).toBe(false);
    await page.screenshot({ path: path.join(SHOTS, 'phone-editor.png') });

    await page.getByTestId('open-files-drawer').click();
    const drawer = page.getByTestId('files-drawer');
    await drawer.locator('[data-testid="file-tree-item"][data-path="main.ts"]').waitFor({ state: 'visible' });
    // Visible from the first frame of its slide: measure where it comes to rest.
    await drawer.evaluate((element) => Promise.all(element.getAnimations().map((animation) => animation.finished)));
    const box = (await drawer.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(SHOTS, 'phone-files-drawer.png') });
    // Escape closes it and gives focus back to the button that opened it.
    await page.keyboard.press('Escape');
    await page.getByTestId('file-tree').waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('open-files-drawer');

    await page.getByTestId('open-spark-drawer').click();
    await page.getByTestId('ai-panel').waitFor({ state: 'visible' });
    await page.screenshot({ path: path.join(SHOTS, 'phone-spark-drawer.png') });
    await page.getByTestId('drawer-close').click();
    await page.getByTestId('ai-panel').waitFor({ state: 'hidden' });

    // A light edit on the phone reaches the document.
    await focusEditor(page);
    await page.keyboard.press('Control+End');
    await page.keyboard.type('// from a phone');
    await page.waitForFunction(() => window.sparkpad?.fileText('main.ts')?.includes('// from a phone'));
    await context.close();
  });
});
