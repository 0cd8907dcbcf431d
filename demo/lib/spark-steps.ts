/**
 * Scene steps that work with Spark through the browser UI: Ask Spark (Ctrl+K) and the room chat. Kept
 * apart from person.ts because they follow the Spark UI, which grows on its own schedule.
 */
import { UI } from './app-ui';
import type { DemoPerson } from './person';
import { StepError } from './step-error';

/** A model answer can take a while on a loaded machine; the simulator answers in a second or two. */
const ANSWER_TIMEOUT_MS = 60_000;

/** Brings a tab of Spark's column to the front (a column with one tab has no tab bar). */
export async function showSparkTab(person: DemoPerson, tab: 'edit' | 'chat'): Promise<void> {
  const button = person.page.locator(UI.aiTab(tab));
  if ((await button.count()) === 0) {
    if (tab === 'edit') return;
    throw new StepError(person.name, 'open the chat', `the page has no chat tab (${UI.aiTab(tab)})`);
  }
  if ((await button.getAttribute('aria-selected')) !== 'true') await button.click();
}

export async function askSpark(person: DemoPerson, instruction: string): Promise<void> {
  const { page } = person;
  await showSparkTab(person, 'edit');
  // Ctrl+K in the editor aims Spark at the selection and focuses the instruction box. Focus goes back to
  // the editor's text input directly: a click would replace the selection.
  await page.locator(UI.editorInput).first().focus();
  await page.keyboard.press('Control+K');
  const input = page.locator(UI.sparkInstruction);
  try {
    await input.waitFor({ state: 'visible', timeout: 5_000 });
    await page.waitForFunction((selector) => document.activeElement === document.querySelector(selector), UI.sparkInstruction, { timeout: 5_000 });
  } catch {
    throw new StepError(person.name, 'ask Spark', `Ctrl+K did not bring up Ask Spark's instruction box (${UI.sparkInstruction})`);
  }
  await page.keyboard.type(instruction, { delay: 70 });
  await page.waitForTimeout(400);
  await page.keyboard.press('Enter');
  const phase = await page
    .waitForFunction(
      () => {
        const edit = window.sparkpad?.spark?.().edit;
        return edit && (edit.kind === 'finished' || edit.kind === 'failed') ? edit : null;
      },
      undefined,
      { timeout: ANSWER_TIMEOUT_MS },
    )
    .then((handle) => handle.jsonValue())
    .catch(() => null);
  if (!phase) throw new StepError(person.name, 'ask Spark', 'Spark did not finish the edit');
  if (phase.kind === 'failed') throw new StepError(person.name, 'ask Spark', `Spark failed: ${phase.error.code} ${phase.error.message}`);
  if (phase.kind === 'finished' && phase.stopped) throw new StepError(person.name, 'ask Spark', `Spark stopped early (${phase.stopped})`);
}

/** Asks in the room's chat, typing like a person; resolves with Spark's answer once it is complete. */
export async function askInChat(person: DemoPerson, question: string): Promise<string> {
  const { page } = person;
  await showSparkTab(person, 'chat');
  const input = page.locator(UI.chatInput);
  if ((await input.count()) === 0) throw new StepError(person.name, 'ask in the chat', `no question box (${UI.chatInput}): a view-only link?`);
  const answers = page.locator(`${UI.chatMessage}[data-role="spark"]`);
  const before = await answers.count();
  await input.click();
  await page.keyboard.type(question, { delay: 55 });
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  const answer = answers.nth(before);
  try {
    await answer.waitFor({ timeout: 10_000 });
    await page.locator(`${UI.chatMessage}[data-role="spark"]:not([data-status="streaming"])`).nth(before).waitFor({ timeout: ANSWER_TIMEOUT_MS });
  } catch {
    throw new StepError(person.name, 'ask in the chat', 'no complete answer from Spark appeared');
  }
  if ((await answer.getAttribute('data-status')) !== 'done') {
    throw new StepError(person.name, 'ask in the chat', `the answer ended as ${await answer.getAttribute('data-status')}: ${await answer.innerText()}`);
  }
  return answer.innerText();
}
