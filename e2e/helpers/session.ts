import { expect } from 'vitest';
import type { Page } from 'playwright-core';

import type { CreatedSession } from '../../lib/shared/protocol/sessions';

export type { CreatedSession };

/** POST /api/sessions, as a script would. */
export async function createSession(baseUrl: string): Promise<CreatedSession> {
  const response = await fetch(`${baseUrl}/api/sessions`, { method: 'POST' });
  expect(response.ok).toBe(true);
  return (await response.json()) as CreatedSession;
}

/** Waits until the page is online, synced and shows a file in Monaco. */
export async function waitUntilReady(page: Page, timeout = 30_000): Promise<void> {
  await page.locator('[data-testid="connection-status"][data-status="online"]').waitFor({ timeout });
  await page.waitForFunction(() => window.sparkpad?.editorValue() != null, undefined, { timeout });
  await page.locator('.monaco-editor .view-lines').waitFor({ timeout });
}

export async function openSession(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitUntilReady(page);
}

/** Sets this person's display name through the header's name field. */
export async function setName(page: Page, name: string): Promise<void> {
  const input = page.getByTestId('name-input');
  await input.fill(name);
  await input.press('Enter');
}

export function fileTreeItem(page: Page, path: string) {
  return page.locator(`[data-testid="file-tree-item"][data-path="${path}"]`);
}
