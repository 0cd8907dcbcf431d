import { spawn, type ChildProcess } from 'node:child_process';
import type { Page } from 'playwright-core';
import { seededRandom } from '../../demo/lib/keystrokes';
import { pasteIntoFocused } from './in-page';

/**
 * A person typing code into the editor, stroke by stroke: real key presses (Enter included), now and then
 * a wrong letter taken back with Backspace, a bracket or quote pasted the way the demo recorder delivers
 * them, and a pause every line or two so suggestions have time to appear. Seeded: the same plan every run.
 */
export type Stroke =
  | { kind: 'key'; text: string; delayMs: number }
  | { kind: 'mistake'; text: string; delayMs: number }
  | { kind: 'paste'; text: string; delayMs: number }
  | { kind: 'pause'; ms: number };

const PASTED = new Set(['(', ')', '[', ']', '{', '}', "'", '"', '`']);

export function planTyping(code: string, seed = 7): Stroke[] {
  const random = seededRandom(seed);
  const strokes: Stroke[] = [];
  let sincePause = 0;
  for (const char of code) {
    // Keys within a word go out back to back, as in a burst; a short beat between words.
    const delayMs = /\w/.test(char) ? 0 : Math.round(random() * 30);
    const last = strokes.at(-1);
    if (/[a-z]/.test(char) && random() < 0.03) strokes.push({ kind: 'mistake', text: 'q', delayMs });
    if (PASTED.has(char) && random() < 0.3) strokes.push({ kind: 'paste', text: char, delayMs });
    else if (last?.kind === 'key' && delayMs === 0 && char !== '\n' && last.text.at(-1) !== '\n') last.text += char;
    else strokes.push({ kind: 'key', text: char, delayMs });
    sincePause++;
    // Mid-word or after a space: where a person stops to think and a suggestion is asked for.
    if (sincePause > 40 && /[\w.( ]/.test(char) && random() < 0.08) {
      strokes.push({ kind: 'pause', ms: 450 });
      sincePause = 0;
    }
  }
  return strokes;
}

/** Plays one stroke other than a pause. */
export async function playStroke(page: Page, stroke: Exclude<Stroke, { kind: 'pause' }>): Promise<void> {
  if (stroke.delayMs > 0) await page.waitForTimeout(stroke.delayMs);
  switch (stroke.kind) {
    case 'key':
      if (stroke.text === '\n') await page.keyboard.press('Enter');
      else await page.keyboard.type(stroke.text);
      return;
    case 'mistake':
      await page.keyboard.type(stroke.text);
      await page.keyboard.press('Backspace');
      return;
    case 'paste':
      await page.evaluate(pasteIntoFocused, stroke.text);
      return;
  }
}

/** Where two texts part, with a little context, or null when they are equal: a readable failure. */
export function firstDifference(actual: string, expected: string): string | null {
  if (actual === expected) return null;
  let at = 0;
  while (at < actual.length && actual[at] === expected[at]) at++;
  const around = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 40), at + 40));
  return `differs at ${at}: typed ${around(expected)}, document ${around(actual)}`;
}

/** Keeps every core of the machine busy, as a build or a video encode would, until stopped. */
export function loadAllCores(cores: number): { stop(): void } {
  const children: ChildProcess[] = [];
  for (let i = 0; i < cores; i++) children.push(spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
  return {
    stop() {
      for (const child of children) child.kill('SIGKILL');
    },
  };
}
