import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { twoPeopleInASession, type TwoPeople } from './fixtures/two-people';
import type { User } from './helpers/browser';
import { focusEditor, waitForEditorValue } from './helpers/monaco';

/** Words each person types while Alice is offline. */
const WORDS_EACH = 12;

/** Records every connection state the page shows, so a brief "reconnecting" is not missed. */
async function recordStatuses(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { statuses: string[] }).statuses = seen;
    const target = document.querySelector('[data-testid="connection-status"]')!;
    new MutationObserver(() => seen.push(target.getAttribute('data-status') ?? '')).observe(target, {
      attributes: true,
      attributeFilter: ['data-status'],
    });
  });
}

/** Types `count` words one by one, at a person's pace, at the start (line 1) or end of the document. */
async function typeWords(page: Page, prefix: string, where: 'start' | 'end', count: number): Promise<string[]> {
  const words: string[] = [];
  await focusEditor(page);
  for (let i = 0; i < count; i++) {
    await page.keyboard.press(where === 'start' ? 'Control+Home' : 'Control+End');
    const word = `${prefix}${i} `;
    await page.keyboard.type(word, { delay: 20 });
    words.push(word.trim());
    await page.waitForTimeout(400);
  }
  return words;
}

describe('a browser that loses its connection while both people type', () => {
  let people: TwoPeople;
  let alice: User;
  let bob: User;

  beforeAll(async () => {
    people = await twoPeopleInASession({ names: [null, null], sparkReadyFor: null });
    ({ alice, bob } = people);
  });
  afterAll(() => people?.close());

  it('keeps every keystroke of both people and shows offline, then reconnecting', async () => {
    await recordStatuses(alice.page);
    await alice.context.setOffline(true);
    await alice.page.locator('[data-testid="connection-status"][data-status="offline"]').waitFor();
    const [aliceWords, bobWords] = await Promise.all([
      typeWords(alice.page, 'alice', 'start', WORDS_EACH),
      typeWords(bob.page, 'bob', 'end', WORDS_EACH),
    ]);
    await alice.context.setOffline(false);
    await alice.page.locator('[data-testid="connection-status"][data-status="online"]').waitFor({ timeout: 60_000 });
    const statuses = await alice.page.evaluate(() => (window as unknown as { statuses: string[] }).statuses);
    expect(statuses).toContain('offline');
    expect(statuses.indexOf('reconnecting')).toBeGreaterThan(statuses.indexOf('offline'));

    const everything = [...aliceWords, ...bobWords];
    const onAlice = await waitForEditorValue(alice.page, { includes: everything }, 60_000);
    const onBob = await waitForEditorValue(bob.page, { equals: onAlice }, 30_000);
    expect(onBob).toBe(onAlice);
  }, 150_000);
});
