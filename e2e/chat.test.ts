import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startModelSimulator, type ModelSimulator } from '../tools/sim/sim-server';
import { twoPeopleInASession, type TwoPeople } from './fixtures/two-people';
import type { User } from './helpers/browser';
import { editorValue, focusEditor, waitForEditorValue } from './helpers/monaco';
import { setName } from './helpers/session';

/**
 * The room's chat with Spark in real browsers. The deep tier is the model simulator, scripted per test,
 * so the answers are known; completions stay on the embedded engine, as with `npm start`.
 */
const ANSWER_CODE = 'export function greet(name: string): string {\n  return `Hello, ${name.trim()}!`;\n}';
const ANSWER = `Trim the name first:\n\n\`\`\`ts\n${ANSWER_CODE}\n\`\`\`\n\nThat drops stray spaces.`;

describe('chat with Spark, shared by the room', () => {
  let sim: ModelSimulator;
  let people: TwoPeople;
  let alice: User;
  let bob: User;
  let viewer: User;

  const chat = (page: Page) => page.getByTestId('chat-panel');
  const messages = (page: Page) => chat(page).getByTestId('chat-message');
  /** Spark's answer: the message right after the person's question. */
  const answerTo = (page: Page, question: string) =>
    chat(page).locator('[data-testid="chat-message"][data-role="person"]').filter({ hasText: question }).locator('xpath=following-sibling::*[1]');

  async function openChat(page: Page): Promise<void> {
    await page.getByTestId('ai-tab-chat').click();
    await chat(page).waitFor();
  }

  /** Selects lines `from`..`to` (1-based, whole lines) in Monaco with the keyboard. */
  async function selectLines(page: Page, from: number, to: number): Promise<void> {
    await focusEditor(page);
    await page.keyboard.press('Control+Home');
    for (let i = 1; i < from; i++) await page.keyboard.press('ArrowDown');
    for (let i = from; i <= to; i++) await page.keyboard.press('Shift+ArrowDown');
  }

  async function ask(page: Page, question: string): Promise<void> {
    await chat(page).getByTestId('chat-input').fill(question);
    await chat(page).getByTestId('chat-input').press('Enter');
  }

  beforeAll(async () => {
    sim = await startModelSimulator({ port: 0 });
    people = await twoPeopleInASession({ env: { SPARKPAD_DEEP_URL: sim.url }, viewer: true, sparkReadyFor: null });
    ({ alice, bob } = people);
    viewer = people.viewer!;
    for (const user of [alice, bob, viewer]) await openChat(user.page);
  });
  afterAll(async () => {
    await people?.close();
    await sim?.close();
  });

  it("streams Spark's answer to a question into everyone's chat, with the asker's file and selection as context", async () => {
    // Slow enough that the answer is seen arriving, not only finished.
    sim.setBehaviour({ response: ANSWER, tokensPerSecond: 25, ttftMs: 200 });
    await selectLines(alice.page, 3, 5);
    await ask(alice.page, 'How do I make greet ignore stray spaces?');

    for (const page of [alice.page, bob.page, viewer.page]) {
      const question = messages(page).filter({ hasText: 'How do I make greet ignore stray spaces?' });
      await question.waitFor();
      expect(await question.getByTestId('chat-name').textContent()).toBe('Alice');
      expect(await question.textContent()).toContain('main.ts · lines 3–5');
    }
    // Bob watches it stream: part of the answer while Spark is still answering…
    const bobAnswer = answerTo(bob.page, 'stray spaces');
    await bob.page.locator('[data-testid="chat-message"][data-role="spark"][data-status="streaming"]').filter({ hasText: 'Trim' }).waitFor();
    expect(await bobAnswer.textContent()).not.toContain('That drops stray spaces.');
    // …then all of it, in every browser, the code block rendered as code.
    for (const page of [alice.page, bob.page, viewer.page]) {
      const answer = answerTo(page, 'stray spaces');
      await page.locator('[data-testid="chat-message"][data-role="spark"][data-status="done"]').waitFor({ timeout: 20_000 });
      expect(await answer.textContent()).toContain('That drops stray spaces.');
      expect(await answer.locator('pre code').textContent()).toBe(`${ANSWER_CODE}\n`);
    }
    // The model was asked with Alice's selection in the prompt.
    const prompt = (sim.requests.at(-1)!.body as { messages: Array<{ content: string }> }).messages.at(-1)!.content;
    expect(prompt).toContain('Selected (lines 3-5)');
    expect(prompt).toContain('Alice asks: How do I make greet ignore stray spaces?');
  });

  it('lets a view-only link read the chat but not ask', async () => {
    await viewer.page.getByTestId('chat-read-only').waitFor();
    expect(await viewer.page.getByTestId('chat-input').count()).toBe(0);
    expect(await viewer.page.getByTestId('chat-apply').count()).toBe(0);
  });

  it("applies a code block as an edit: Spark's cursor types it into the file for everyone", async () => {
    const before = (await editorValue(bob.page))!;
    expect(before).not.toContain('name.trim()');
    // Bob's page counts the changes that reach the file while Spark types, and notes whether Spark's cursor shows.
    await bob.page.evaluate(() => {
      const changes = window.sparkpad!.countChanges(window.sparkpad!.openFile()!)!;
      let sparkCursor = false;
      const watchCursor = () => {
        sparkCursor ||= [...document.querySelectorAll('[data-testid="remote-cursor-label"]')].some((l) => l.textContent === 'Spark');
        requestAnimationFrame(watchCursor);
      };
      watchCursor();
      (window as unknown as { applySamples: () => { changes: number; sparkCursor: boolean } }).applySamples = () => ({ changes: changes(), sparkCursor });
    });

    await selectLines(alice.page, 3, 5);
    await answerTo(alice.page, 'stray spaces').getByTestId('chat-apply').click();
    const expected = before.replace(/export function greet[\s\S]*?\n}\n/, `${ANSWER_CODE}\n`);
    for (const page of [alice.page, bob.page]) await waitForEditorValue(page, { equals: expected });

    const samples = await bob.page.evaluate(() => (window as unknown as { applySamples: () => { changes: number; sparkCursor: boolean } }).applySamples());
    // Typed in steps (Spark's streamed edit), not pasted in one go, with Spark's cursor drawn.
    expect(samples.changes).toBeGreaterThan(3);
    expect(samples.sparkCursor).toBe(true);
    // It went through Ask Spark's edit path: Alice's panel knows the edit and can undo it.
    const edit = await alice.page.waitForFunction(() => {
      const phase = window.sparkpad?.spark().edit;
      return phase?.kind === 'finished' ? phase : null;
    });
    expect(await edit.jsonValue()).toMatchObject({ kind: 'finished', stopped: null, stats: { source: 'apply' } });
  });

  it("inserts a code block at the person's own cursor", async () => {
    await focusEditor(bob.page);
    await bob.page.keyboard.press('Control+End');
    // The file already holds the block once (applied above): wait for exactly this insertion at its end.
    const before = await editorValue(bob.page);
    await answerTo(bob.page, 'stray spaces').getByTestId('chat-insert').click();
    const value = await waitForEditorValue(alice.page, { equals: before + ANSWER_CODE });
    expect(value.split('name.trim()').length - 1).toBe(2);
  });

  it('renders names, questions and answers as text: HTML in them never runs', async () => {
    const payload = (n: number) => `<img src=x onerror="window.__pwned=${n}">`;
    sim.setBehaviour({
      response: `Careful: ${payload(3)} <script>window.__pwned=4</script> [click](javascript:window.__pwned=5) ![x](x.png)`,
      tokensPerSecond: 0,
      ttftMs: 0,
    });
    await setName(alice.page, payload(1).slice(0, 40));
    await ask(alice.page, `What does ${payload(2)} do?`);
    for (const page of [alice.page, bob.page, viewer.page]) {
      const question = messages(page).filter({ hasText: 'What does' });
      await question.waitFor();
      expect(await question.getByTestId('chat-text').textContent()).toBe(`What does ${payload(2)} do?`);
      expect(await question.getByTestId('chat-name').textContent()).toBe(payload(1).slice(0, 40));
      await page.locator('[data-testid="chat-message"][data-role="spark"][data-status="done"]').filter({ hasText: 'Careful' }).waitFor();
    }
    for (const page of [alice.page, bob.page, viewer.page]) {
      const panel = chat(page);
      expect(await panel.locator('img, script, iframe').count()).toBe(0);
      const hrefs = await panel.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
      expect(hrefs.some((href) => href.toLowerCase().startsWith('javascript'))).toBe(false);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    }
    // Nothing failed while rendering them either. (Monaco's "Canceled" rejections from superseded ghost
    // text requests are the editor's, not the chat's.)
    for (const user of [alice, bob, viewer]) expect(user.errors.filter((e) => e !== 'Canceled')).toEqual([]);
  });
});
