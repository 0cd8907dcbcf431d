/**
 * One person in a scene: their browser page and the things they do in it. Each step waits for the app
 * to show its result and throws with what was missing, so a scene never films a step that did not
 * happen. See scene.ts for the API as scenes use it.
 */
import type { Page } from 'playwright-core';
import { UI } from './app-ui';
import { planKeystrokes, type TypingStyle } from './keystrokes';
import type { OverlayState } from './overlay';
import type { Person } from './scene';
import { askInChat, askSpark, showSparkTab } from './spark-steps';
import { StepError } from './step-error';
import { pasteIntoFocused, readGhostText } from '../../e2e/helpers/in-page';

const DEFAULT_TYPING: TypingStyle = { charsPerSecond: 12 };
/** Long enough for a loaded two-core machine, short enough that a missing UI fails the recording quickly. */
export const STEP_TIMEOUT_MS = 20_000;

export class DemoPerson implements Person {
  private typingSeed = 1;

  constructor(
    readonly name: string,
    readonly page: Page,
    private readonly overlay: (patch: Partial<OverlayState>) => Promise<void>,
  ) {}

  async caption(text: string): Promise<void> {
    await this.overlay({ caption: text });
  }

  async editorText(): Promise<string> {
    const value = await this.page.evaluate(() => window.sparkpad?.editorValue() ?? null);
    if (value === null) throw new StepError(this.name, 'read the editor', 'no file is open in the editor');
    return value;
  }

  async typeLikeAPerson(text: string, style: Partial<TypingStyle> = {}): Promise<void> {
    const before = await this.editorText();
    await this.focusEditor();
    const strokes = planKeystrokes(text, { ...DEFAULT_TYPING, seed: this.typingSeed++, ...style });
    for (const stroke of strokes) {
      await this.page.waitForTimeout(stroke.delayMs);
      if (stroke.kind === 'key') await this.page.keyboard.type(stroke.text);
      else await this.page.evaluate(pasteIntoFocused, stroke.text);
    }
    const after = await this.editorText();
    if (!after.includes(text)) {
      throw new StepError(this.name, 'type', `the file does not contain the typed text.\n--- typed\n${text}\n--- file before\n${before}\n--- file after\n${after}`);
    }
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  async goToEnd(): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+End');
  }

  async goToLineWith(snippet: string, at: 'start' | 'end' = 'end'): Promise<void> {
    const line = await this.lineWith(snippet);
    await this.goToLine(line);
    await this.page.keyboard.press(at === 'end' ? 'End' : 'Home');
  }

  async selectLinesFrom(snippet: string, count = 1): Promise<void> {
    await this.goToLine(await this.lineWith(snippet));
    for (let i = 0; i < count; i++) await this.page.keyboard.press('Shift+ArrowDown');
  }

  async acceptGhostText(options: { showMs?: number; timeoutMs?: number; expect?: RegExp } = {}): Promise<string> {
    const ghost = this.page.locator(UI.ghostText).first();
    try {
      await ghost.waitFor({ state: 'visible', timeout: options.timeoutMs ?? STEP_TIMEOUT_MS });
    } catch {
      throw new StepError(this.name, 'accept ghost text', `no ghost text (${UI.ghostText}) appeared at the cursor`);
    }
    const shown = await this.page.evaluate(readGhostText, UI.ghostText);
    if (options.expect && !options.expect.test(shown)) {
      throw new StepError(this.name, 'accept ghost text', `Spark suggested ${JSON.stringify(shown)}, which the scene does not expect (${options.expect})`);
    }
    await this.page.waitForTimeout(options.showMs ?? 1200);
    const before = await this.editorText();
    await this.page.keyboard.press('Tab');
    const accepted = await this.page
      .waitForFunction((previous) => {
        const value = window.sparkpad?.editorValue();
        return value != null && value !== previous ? value : null;
      }, before, { timeout: 5_000 })
      .catch(() => null);
    if (!accepted) throw new StepError(this.name, 'accept ghost text', 'Tab did not change the file');
    return shown;
  }

  askSpark(instruction: string): Promise<void> {
    return askSpark(this, instruction);
  }

  askInChat(question: string): Promise<string> {
    return askInChat(this, question);
  }

  showSparkTab(tab: 'edit' | 'chat'): Promise<void> {
    return showSparkTab(this, tab);
  }

  async run(): Promise<string> {
    const button = this.page.locator(UI.runButton);
    if ((await button.count()) === 0) throw new StepError(this.name, 'run', `the page has no Run button (${UI.runButton})`);
    const entries = this.page.locator(UI.runEntry);
    const before = await entries.count();
    await button.click();
    try {
      await entries.nth(before).waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    } catch {
      throw new StepError(this.name, 'run', 'no run output appeared');
    }
    const entry = entries.nth(before);
    await entry.scrollIntoViewIfNeeded();
    return (await entry.innerText()).replace(/\u00a0/g, ' ');
  }

  /**
   * Clicks into the editor only when its text input does not have focus (a click would move the cursor).
   * Monaco's own boxes (Go to Line) live inside `.monaco-editor` too and keep focus for a moment after
   * they close; pastes must not go there.
   */
  private async focusEditor(): Promise<void> {
    const inEditorText = () => {
      const active = document.activeElement;
      return active?.closest('.monaco-editor') != null && active.closest('.quick-input-widget, .find-widget') == null;
    };
    if (await this.page.evaluate(inEditorText)) return;
    await this.page.waitForFunction(inEditorText, undefined, { timeout: 1_000 }).catch(async () => {
      await this.page.locator(UI.editorLines).click();
    });
  }

  private async lineWith(snippet: string): Promise<number> {
    const index = (await this.editorText()).split('\n').findIndex((line) => line.includes(snippet));
    if (index === -1) throw new StepError(this.name, 'find a line', `no line contains ${JSON.stringify(snippet)}`);
    return index + 1;
  }

  /** Monaco's own Go to Line (Ctrl+G), as a person would use it; lands at the line's first column. */
  private async goToLine(line: number): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => {
      throw new StepError(this.name, 'go to line', "Monaco's Go to Line box did not open");
    });
    await this.page.keyboard.type(String(line), { delay: 60 });
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 5_000 });
    await this.focusEditor();
  }
}
