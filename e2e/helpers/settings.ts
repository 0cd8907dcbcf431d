import type { Page } from 'playwright-core';

/** Opens Settings from the header, as a person would. */
export async function openSettings(page: Page): Promise<void> {
  await page.getByTestId('settings-button').click();
  await page.getByTestId('settings-dialog').waitFor();
}

export async function closeSettings(page: Page): Promise<void> {
  await page.getByTestId('settings-dialog-close').click();
  await page.getByTestId('settings-dialog').waitFor({ state: 'detached' });
}

/** Picks one option of a settings radio group: `pin`, `ghost` or `theme`. */
export async function chooseSetting(page: Page, group: 'pin' | 'ghost' | 'theme', value: string): Promise<void> {
  await page.getByTestId(`setting-${group}-${value}`).check();
}
