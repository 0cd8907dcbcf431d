import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STARTER_FILE } from '../lib/shared/document/doc-model';
import { twoPeopleInASession, type TwoPeople } from './fixtures/two-people';
import type { User } from './helpers/browser';
import { focusEditor, typeAtEnd, waitForEditorValue } from './helpers/monaco';

describe('each person undoes only their own edits', () => {
  let people: TwoPeople;
  let alice: User;
  let bob: User;

  beforeAll(async () => {
    people = await twoPeopleInASession({ names: [null, null], sparkReadyFor: null });
    ({ alice, bob } = people);
  });
  afterAll(() => people?.close());

  it('removes Alice’s last edit on Ctrl+Z and keeps the text Bob typed after it', async () => {
    const start = await waitForEditorValue(bob.page, { equals: STARTER_FILE.content });

    await typeAtEnd(alice.page, '// from Alice');
    await waitForEditorValue(bob.page, { equals: `${start}// from Alice` });
    await typeAtEnd(bob.page, '\n// from Bob');
    await waitForEditorValue(alice.page, { equals: `${start}// from Alice\n// from Bob` });

    await focusEditor(alice.page);
    await alice.page.keyboard.press('Control+z');

    const expected = `${start}\n// from Bob`;
    expect(await waitForEditorValue(alice.page, { equals: expected })).toBe(expected);
    expect(await waitForEditorValue(bob.page, { equals: expected })).toBe(expected);
  });

  it('brings Alice’s edit back on Shift+Ctrl+Z without touching Bob’s', async () => {
    await focusEditor(alice.page);
    await alice.page.keyboard.press('Control+Shift+z');
    const start = STARTER_FILE.content;
    const expected = `${start}// from Alice\n// from Bob`;
    expect(await waitForEditorValue(bob.page, { equals: expected })).toBe(expected);
  });

  it('undoes Bob’s edit for Bob without taking what Alice typed after it', async () => {
    await typeAtEnd(alice.page, ' again');
    const expected = `${STARTER_FILE.content}// from Alice\n// from Bob again`;
    await waitForEditorValue(bob.page, { equals: expected });
    // Bob's undo history holds only "\n// from Bob"; undoing it must not take Alice's " again".
    await focusEditor(bob.page);
    await bob.page.keyboard.press('Control+z');
    const afterBobUndo = `${STARTER_FILE.content}// from Alice again`;
    expect(await waitForEditorValue(alice.page, { equals: afterBobUndo })).toBe(afterBobUndo);
  });
});
