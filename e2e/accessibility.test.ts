import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type ServerProcess } from '../test/helpers/server-process';
import { axeViolations } from './helpers/axe';
import { launchBrowser, newUser, type User } from './helpers/browser';
import { createSession, openSession } from './helpers/session';
import { chooseSetting, closeSettings, openSettings } from './helpers/settings';

const activeTestId = (page: Page) => page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? null);

describe('keyboard and screen readers', () => {
  let server: ServerProcess;
  let browser: Browser;
  let user: User;
  let editUrl: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ next: true }), launchBrowser()]);
    editUrl = (await createSession(server.url)).editUrl;
    user = await newUser(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('axe-core finds no serious or critical violations on the landing page', async () => {
    await user.page.goto(server.url);
    await user.page.getByRole('button', { name: /new session/i }).waitFor();
    expect(await axeViolations(user.page)).toEqual([]);
  });

  it('axe-core finds no serious or critical violations on the session page, in both themes', async () => {
    await openSession(user.page, editUrl);
    expect(await axeViolations(user.page)).toEqual([]);
    for (const theme of ['dark', 'light']) {
      await openSettings(user.page);
      await chooseSetting(user.page, 'theme', theme);
      expect(await axeViolations(user.page)).toEqual([]);
      await closeSettings(user.page);
      expect(await axeViolations(user.page)).toEqual([]);
    }
  });

  it('keeps focus inside the share dialog and gives it back to the Share button on Escape', async () => {
    await user.page.getByTestId('share-button').focus();
    await user.page.keyboard.press('Enter');
    await user.page.getByTestId('share-dialog').waitFor();
    expect(await activeTestId(user.page)).toMatch(/^share-/);
    for (let i = 0; i < 8; i++) {
      await user.page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
      expect(await activeTestId(user.page)).toMatch(/^(share-|copy-)/);
    }
    await user.page.keyboard.press('Escape');
    await user.page.getByTestId('share-dialog').waitFor({ state: 'detached' });
    expect(await activeTestId(user.page)).toBe('share-button');
  });

  it('moves between Spark’s tabs with the arrow keys, only the selected tab in the Tab order', async () => {
    const edit = user.page.getByTestId('ai-tab-edit');
    const chat = user.page.getByTestId('ai-tab-chat');
    expect(await edit.getAttribute('tabindex')).toBe('0');
    expect(await chat.getAttribute('tabindex')).toBe('-1');
    await edit.focus();
    await user.page.keyboard.press('ArrowRight');
    expect(await chat.getAttribute('aria-selected')).toBe('true');
    expect(await activeTestId(user.page)).toBe('ai-tab-chat');
    await user.page.getByTestId('chat-panel').waitFor();
    await user.page.keyboard.press('Home');
    expect(await edit.getAttribute('aria-selected')).toBe('true');
    expect(await activeTestId(user.page)).toBe('ai-tab-edit');
  });

  it('opens the shortcuts list on ? outside text fields, and not while typing in one', async () => {
    await user.page.getByTestId('name-input').focus();
    await user.page.keyboard.press('?');
    expect(await user.page.getByTestId('shortcuts-dialog').count()).toBe(0);
    await user.page.getByTestId('settings-button').focus();
    await user.page.keyboard.press('?');
    await user.page.getByTestId('shortcuts-dialog').waitFor();
    await user.page.keyboard.press('Escape');
    await user.page.getByTestId('shortcuts-dialog').waitFor({ state: 'detached' });
    await user.page.keyboard.press('Control+/');
    await user.page.getByTestId('shortcuts-dialog').waitFor();
    await user.page.keyboard.press('Escape');
  });
});
