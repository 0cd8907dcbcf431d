import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { twoPeopleInASession, type TwoPeople } from './fixtures/two-people';
import type { User } from './helpers/browser';
import { editorValue, focusEditor, waitForEditorValue } from './helpers/monaco';

/** Words each person types while Alice is offline. */
const WORDS_EACH = 12;

// Every wait below is for a state of the page; the test's own timeout is the only clock (0: no Playwright one).
const UNTIL_IT_HAPPENS = 0;

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

function connectionStatus(page: Page): Promise<string | null> {
  return page.locator('[data-testid="connection-status"]').getAttribute('data-status');
}

/** Types `count` words one by one at the start (line 1) or end of the document, each in the page's model before the next. */
async function typeWords(page: Page, prefix: string, where: 'start' | 'end', count: number): Promise<string[]> {
  const words: string[] = [];
  await focusEditor(page);
  for (let i = 0; i < count; i++) {
    await page.keyboard.press(where === 'start' ? 'Control+Home' : 'Control+End');
    const word = `${prefix}${i} `;
    await page.keyboard.type(word);
    words.push(word.trim());
    await waitForEditorValue(page, { includes: words });
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
    await alice.page.locator('[data-testid="connection-status"][data-status="offline"]').waitFor({ timeout: UNTIL_IT_HAPPENS });
    const [aliceWords, bobWords] = await Promise.all([
      typeWords(alice.page, 'alice', 'start', WORDS_EACH),
      typeWords(bob.page, 'bob', 'end', WORDS_EACH),
    ]);

    // Every word was typed during the outage: neither page has the other's words yet.
    expect(await connectionStatus(alice.page)).toBe('offline');
    const aliceOffline = (await editorValue(alice.page))!;
    const bobMeanwhile = (await editorValue(bob.page))!;
    expect(bobWords.filter((word) => aliceOffline.includes(word))).toEqual([]);
    expect(aliceWords.filter((word) => bobMeanwhile.includes(word))).toEqual([]);

    await alice.context.setOffline(false);
    await alice.page.locator('[data-testid="connection-status"][data-status="online"]').waitFor({ timeout: UNTIL_IT_HAPPENS });
    const statuses = await alice.page.evaluate(() => (window as unknown as { statuses: string[] }).statuses);
    expect(statuses).toContain('offline');
    expect(statuses.indexOf('reconnecting')).toBeGreaterThan(statuses.indexOf('offline'));

    const everything = [...aliceWords, ...bobWords];
    const onAlice = await waitForEditorValue(alice.page, { includes: everything });
    const onBob = await waitForEditorValue(bob.page, { equals: onAlice });
    expect(onBob).toBe(onAlice);
  }, 150_000);
});
