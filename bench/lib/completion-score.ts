/**
 * How good single-line suggestions are, as a person sees them: the first line of each suggestion against
 * the true rest of the line. A person accepts a suggestion up to its first wrong character (word-by-word
 * accept), so precision is the correct characters over the characters shown.
 */
import type { Position } from './held-out';

export interface Score {
  positions: number;
  /** Percentages of all positions. */
  shown: number;
  exact: number;
  /** Correct characters shown, over all characters of the true rests of line. */
  accepted: number;
  /** Correct characters shown, over all characters shown. */
  precision: number;
}

export function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

export function firstLine(completion: string): string {
  return completion.split('\n')[0]!.trimEnd();
}

const percent = (part: number, whole: number) => Math.round((part / Math.max(1, whole)) * 1000) / 10;

export function score(list: Position[], completions: string[]): Score {
  let shown = 0;
  let exact = 0;
  let acceptedChars = 0;
  let shownChars = 0;
  let expectedChars = 0;
  list.forEach((position, i) => {
    const first = firstLine(completions[i]!);
    expectedChars += position.expected.length;
    if (first.length === 0) return;
    shown++;
    shownChars += first.length;
    if (first === position.expected) exact++;
    acceptedChars += commonPrefix(first, position.expected);
  });
  return {
    positions: list.length,
    shown: percent(shown, list.length),
    exact: percent(exact, list.length),
    accepted: percent(acceptedChars, expectedChars),
    precision: percent(acceptedChars, shownChars),
  };
}
