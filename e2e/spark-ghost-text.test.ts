import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { twoPeopleInASession, type TwoPeople } from './fixtures/two-people';
import { newUser, type User } from './helpers/browser';
import { editorValue, focusEditor, typeAtEnd, waitForEditorValue } from './helpers/monaco';
import { openSession, type CreatedSession } from './helpers/session';
import { askSpark, ghostText, sparkCursor, suggestions, waitForGhostText } from './helpers/spark';

/** The starter file calls `greet('world')`; typing the call again gives the embedded engine a pattern. */
const TYPED = 'console.log(greet(';

describe('ghost text from the embedded engine, no keys set', () => {
  let people: TwoPeople;
  let browser: Browser;
  let session: CreatedSession;
  let alice: User;
  let bob: User;
  let shown = '';
  let afterTab = '';

  beforeAll(async () => {
    // No SPARKPAD_FAST_URL / DEEP_URL: both tiers are the embedded engine.
    people = await twoPeopleInASession();
    ({ browser, session, alice, bob } = people);
  });
  afterAll(() => people?.close());

  it('shows Alice ghost text from the embedded engine as she types, and only her', async () => {
    await typeAtEnd(alice.page, TYPED);
    shown = await waitForGhostText(alice.page);
    expect(shown.trim()).not.toBe('');
    // Ghost text is a suggestion to the typist, not document content: Bob's editor has none.
    expect(await ghostText(bob.page)).toBe('');
    // Nor is it in the document: the last line is what Alice typed (Monaco closed the brackets).
    expect(await editorValue(alice.page)).toMatch(/\nconsole\.log\(greet\(\)\)$/);
    const last = (await suggestions(alice.page)).findLast((s) => s.keystrokeToFirstCharMs !== null);
    expect(last).toMatchObject({ file: 'main.ts' });
    // The tier is known once the server says done; the embedded engine answers in milliseconds.
    await alice.page.locator('[data-testid="spark-latency"][data-tier="embedded"]').waitFor();
  });

  it('inserts exactly the shown text on Tab', async () => {
    const before = await editorValue(alice.page);
    expect(before).not.toBeNull();
    const at = before!.lastIndexOf(TYPED) + TYPED.length;
    await alice.page.keyboard.press('Tab');
    const expected = before!.slice(0, at) + shown + before!.slice(at);
    afterTab = await waitForEditorValue(alice.page, { equals: expected });
    expect(afterTab).toContain(`${TYPED}${shown}`);
  });

  it('shows Bob the inserted text and Spark’s labelled cursor where it suggested', async () => {
    await waitForEditorValue(bob.page, { equals: afterTab });
    const cursor = sparkCursor(bob.page);
    await cursor.waitFor({ state: 'visible' });
    expect(await cursor.getByTestId('remote-cursor-label').textContent()).toBe('Spark');
    // Spark's caret sits where it suggested: on Alice's line, next to her caret.
    const aliceCaret = bob.page.getByTestId('remote-cursor').filter({ has: bob.page.getByTestId('remote-cursor-label').filter({ hasText: 'Alice' }) });
    await expect
      .poll(async () => {
        const [spark, alice] = await Promise.all([cursor.boundingBox(), aliceCaret.boundingBox()]);
        return spark && alice ? Math.abs(spark.y - alice.y) : Infinity;
      })
      .toBeLessThan(2);
  });

  it('says once and plainly how to connect a model when Ask Spark gets a free-form instruction', async () => {
    const before = await editorValue(alice.page);
    await askSpark(alice.page, 'add a comment');
    const status = alice.page.locator('[data-testid="spark-edit-status"][data-state="failed"]');
    await status.waitFor();
    expect(await status.getAttribute('data-code')).toBe('NO_MODEL_CONNECTED');
    expect(await status.textContent()).toMatch(/Ollama.*SPARKPAD_FAST_URL/);
    // Once: no notice beside it repeating the reason, and the file is as it was.
    expect(await alice.page.getByTestId('spark-notice').count()).toBe(0);
    expect(await alice.page.getByText(/none is connected/).count()).toBe(1);
    expect(await editorValue(alice.page)).toBe(before);
    await focusEditor(alice.page);
  });

  it('refuses a room chat question with no model before anything reaches the shared history', async () => {
    for (const user of [alice, bob]) await user.page.getByTestId('ai-tab-chat').click();
    const chat = alice.page.getByTestId('chat-panel');
    await chat.getByTestId('chat-input').fill('what does greet do?');
    await chat.getByTestId('chat-input').press('Enter');
    await expect.poll(() => chat.getByTestId('chat-error').textContent()).toMatch(/none is connected/);
    // Neither browser's history holds the question or a failed answer.
    for (const user of [alice, bob]) expect(await user.page.getByTestId('chat-message').count()).toBe(0);
    for (const user of [alice, bob]) await user.page.getByTestId('ai-tab-edit').click();
    await focusEditor(alice.page);
  });

  it('gives a view-only link no suggestions and no Ask Spark', async () => {
    const viewer = await newUser(browser);
    await openSession(viewer.page, session.viewUrl);
    await viewer.page.locator('[data-testid="spark-connection"][data-state="ready"]').filter({ hasText: 'view only' }).waitFor();
    expect(await viewer.page.getByTestId('spark-instruction').isDisabled()).toBe(true);
    await viewer.page.locator('.monaco-editor .view-lines').click();
    await viewer.page.keyboard.press('Control+End');
    const before = await editorValue(viewer.page);
    await viewer.page.keyboard.type(TYPED);
    // The editor refuses the keys, so nothing is edited and nothing is asked.
    expect(await editorValue(viewer.page)).toBe(before);
    expect(await suggestions(viewer.page)).toEqual([]);
    expect(await ghostText(viewer.page)).toBe('');
    await viewer.context.close();
  });

  it('names the tier and the keystroke-to-first-character time of that suggestion in the status bar', async () => {
    const readout = alice.page.getByTestId('spark-latency');
    await expect.poll(() => readout.getAttribute('data-keystroke-ms')).toMatch(/^\d+(\.\d+)?$/);
    expect(await readout.getAttribute('data-tier')).toBe('embedded');
    expect(await readout.textContent()).toMatch(/embedded · key→text \d+ ms/);
    // And that no model is connected (discovery is off in tests, and no endpoint is set).
    expect(await alice.page.getByTestId('spark-model').getAttribute('data-source')).toBe('none');
    expect(alice.errors).toEqual([]);
    expect(bob.errors).toEqual([]);
  });
});
