import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { twoPeopleInASession, type TwoPeople } from './fixtures/two-people';
import type { User } from './helpers/browser';
import { editorValue, focusEditor, setTypingAids, waitForEditorValue } from './helpers/monaco';
import { ghostText, waitForGhostText } from './helpers/spark';

/** The starter file has greet(); a second function like it gets the rest of greet's body suggested. */
const TYPED = '\nexport function shout(name: string): string {\n  re';

/** Alice's ghost text once her editor has painted what it holds now (two animation frames on). */
async function ghostTextAfterPaint(page: Page): Promise<string> {
  await page.evaluate(() => new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted))));
  return ghostText(page);
}

/** Bob's editor has the document Alice's has: a key he presses lands where hers would. */
async function bobHasAlicesText(alice: User, bob: User): Promise<string> {
  return waitForEditorValue(bob.page, { equals: (await editorValue(alice.page))! });
}

describe('ghost text when someone else types at the caret it was suggested for', () => {
  let people: TwoPeople;
  let alice: User;
  let bob: User;

  beforeAll(async () => {
    people = await twoPeopleInASession();
    ({ alice, bob } = people);
    for (const user of [alice, bob]) await setTypingAids(user.page, false);
    await focusEditor(alice.page);
    await alice.page.keyboard.press('Control+End');
    await alice.page.keyboard.type(TYPED);
    await waitForGhostText(alice.page);
    await bobHasAlicesText(alice, bob);
    await focusEditor(bob.page);
  });
  afterAll(() => people?.close());

  it('takes Alice’s suggestion off the screen when Bob types right at her caret', async () => {
    const before = await bobHasAlicesText(alice, bob);
    await bob.page.keyboard.press('Control+End');
    await bob.page.keyboard.type('x');
    await waitForEditorValue(alice.page, { equals: `${before}x` });
    // The suggestion continued "re"; after "rex" it no longer fits the text at her caret.
    expect(await ghostTextAfterPaint(alice.page)).toBe('');
  });

  it('takes it off when Bob types earlier on her line', async () => {
    await alice.page.keyboard.press('Backspace');
    await waitForGhostText(alice.page);
    const before = await bobHasAlicesText(alice, bob);
    await bob.page.keyboard.press('Control+End');
    await bob.page.keyboard.press('Home');
    await bob.page.keyboard.type('x');
    await waitForEditorValue(alice.page, { equals: `${before.slice(0, -'re'.length)}xre` });
    expect(await ghostTextAfterPaint(alice.page)).toBe('');
  });

  it('suggests again at Alice’s next keystroke, for the text as it is now', async () => {
    // Alice takes Bob's x out and retypes the end of her word: "re" again, as it was first suggested for.
    await alice.page.keyboard.press('Home');
    await alice.page.keyboard.press('Delete');
    await alice.page.keyboard.press('End');
    await alice.page.keyboard.press('Backspace');
    await alice.page.keyboard.type('e');
    const shown = await waitForGhostText(alice.page);
    expect(shown).toMatch(/^turn /);
    expect(alice.errors).toEqual([]);
    expect(bob.errors).toEqual([]);
  });
});
