import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { twoPeopleInASession, type TwoPeople } from './fixtures/two-people';
import type { User } from './helpers/browser';
import { focusEditor, typeAtEnd } from './helpers/monaco';
import { sparkCursor, waitForGhostText } from './helpers/spark';

interface Rect { left: number; top: number; right: number; bottom: number }
interface DrawnLabel { kind: string; name: string; label: Rect; lineText: Rect[] }

/** Every remote caret's label box and the boxes of the text on its caret's line, as drawn. */
function drawnLabels(page: Page): Promise<DrawnLabel[]> {
  return page.evaluate(async () => {
    // Monaco lays content widgets out in an animation frame: read after two.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const box = (r: DOMRect) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
    const lines = [...document.querySelectorAll<HTMLElement>('.monaco-editor .view-line')];
    return [...document.querySelectorAll<HTMLElement>('[data-testid="remote-cursor"]')].map((cursor) => {
      const caret = cursor.querySelector('.sp-remote-caret')!.getBoundingClientRect();
      const label = cursor.querySelector('[data-testid="remote-cursor-label"]')!;
      const middle = caret.top + caret.height / 2;
      const line = lines.find((l) => {
        const r = l.getBoundingClientRect();
        return r.top <= middle && middle < r.bottom;
      });
      const range = document.createRange();
      if (line) range.selectNodeContents(line);
      const text = line ? [...range.getClientRects()].filter((r) => r.width > 0).map(box) : [];
      return { kind: cursor.dataset.peerKind ?? '', name: label.textContent ?? '', label: box(label.getBoundingClientRect()), lineText: text };
    });
  });
}

const overlaps = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

function expectClear(labels: DrawnLabel[]): void {
  for (const drawn of labels) {
    expect(drawn.lineText.length, `${drawn.name}: its line has text`).toBeGreaterThan(0);
    for (const text of drawn.lineText) expect(overlaps(drawn.label, text), `${drawn.name} covers its line`).toBe(false);
  }
  for (const [i, a] of labels.entries()) {
    for (const b of labels.slice(i + 1)) expect(overlaps(a.label, b.label), `${a.name} and ${b.name} overlap`).toBe(false);
  }
}

describe('name labels of remote carets', () => {
  let people: TwoPeople;
  let alice: User;
  let bob: User;

  beforeAll(async () => {
    people = await twoPeopleInASession({ sparkReadyFor: 'bob' });
    ({ alice, bob } = people);
  });
  afterAll(() => people?.close());

  it('Spark’s and a person’s label never overlap the text of their line, nor each other', async () => {
    // Bob types a call the starter file already makes: Spark suggests, and its caret sits where Bob's is.
    await typeAtEnd(bob.page, 'console.log(greet(');
    await waitForGhostText(bob.page);
    await sparkCursor(alice.page).waitFor();
    await alice.page.locator('[data-testid="remote-cursor"][data-peer-kind="human"]').waitFor();
    const labels = await drawnLabels(alice.page);
    expect(labels.map((l) => l.kind).sort()).toEqual(['human', 'spark']);
    expectClear(labels);
    await alice.page.locator('.monaco-editor').screenshot({ path: '/tmp/sparkpad-labels-end.png' });
  });

  it('hangs the label below the caret on the first line, still clear of its text', async () => {
    await focusEditor(bob.page);
    await bob.page.keyboard.press('Control+Home');
    await bob.page.keyboard.press('End');
    await alice.page.locator('[data-testid="remote-cursor"][data-peer-kind="human"].sp-remote-cursor--below').waitFor();
    const labels = await drawnLabels(alice.page);
    expectClear(labels);
    await alice.page.locator('.monaco-editor').screenshot({ path: '/tmp/sparkpad-labels-first-line.png' });
  });
});
