import type { Page } from 'playwright-core';

/**
 * Keystroke to ghost text as a person sees it, measured in the page. A capture-phase keydown listener
 * stamps the key (before Monaco handles it) and notes the ghost text on screen then; a MutationObserver
 * stamps the first change after it that leaves new, non-empty ghost text in the editor (any element whose
 * class contains `ghost-text`). Monaco writes its view inside an animation-frame callback and the
 * observer runs right after that callback, so the stamp is the frame that paints the new text.
 */
export function installGhostProbe(): void {
  const w = window as unknown as { __probe: { keyAt: number | null; before: string; samples: Array<[number, number]> } };
  const probe = (w.__probe = { keyAt: null as number | null, before: '', samples: [] as Array<[number, number]> });
  const editor = document.querySelector('.monaco-editor')!;
  const read = () =>
    [...editor.querySelectorAll('[class*="ghost-text"]')]
      .filter((el) => !el.querySelector('[class*="ghost-text"]'))
      .map((el) => el.textContent ?? '')
      .join('\n');
  window.addEventListener(
    'keydown',
    () => {
      probe.keyAt = performance.now();
      probe.before = read();
    },
    { capture: true },
  );
  new MutationObserver(() => {
    if (probe.keyAt === null) return;
    const now = read();
    if (now.trim() === '' || now === probe.before) return;
    probe.samples.push([probe.keyAt, performance.now()]);
    probe.keyAt = null;
  }).observe(editor, { childList: true, subtree: true, characterData: true });
}

/** How a keystroke's ghost text was served. */
export type Served = 'model' | 'typed-through' | 'cache' | 'prefetch' | 'reuse';

export interface KeySample {
  key: string;
  ms: number;
  served: Served;
}

interface Entry {
  id: string;
  source: string | null;
  tier: string | null;
  error: string | null;
  keystrokeToFirstCharMs: number | null;
}

const entries = (page: Page) => page.evaluate(() => (window.sparkpad?.suggestions() ?? []) as unknown as Entry[]);

/**
 * Presses each key, waits for its ghost text (or `timeoutMs`), and says how it was served: no new
 * suggestion on screen means the browser's typed-through showed the rest of the last one; a new one is
 * `model` unless the server served it from its cache, its prefetch or a running stream.
 */
export async function typeAndProbe(page: Page, keys: string[], timeoutMs: number): Promise<{ samples: KeySample[]; missed: number }> {
  const samples: KeySample[] = [];
  let missed = 0;
  for (const key of keys) {
    const count = await page.evaluate(() => (window as unknown as { __probe: { samples: unknown[] } }).__probe.samples.length);
    const known = new Set((await entries(page)).map((e) => e.id));
    await page.keyboard.press(key);
    const shown = await page
      .waitForFunction((n) => (window as unknown as { __probe: { samples: unknown[] } }).__probe.samples.length > n, count, { timeout: timeoutMs, polling: 5 })
      .then(() => true, () => false);
    if (!shown) {
      missed++;
      continue;
    }
    const [keyAt, ghostAt] = await page.evaluate(() => (window as unknown as { __probe: { samples: Array<[number, number]> } }).__probe.samples.at(-1)!);
    let fresh = (await entries(page)).filter((e) => !known.has(e.id) && e.keystrokeToFirstCharMs !== null).at(-1);
    for (let i = 0; fresh && fresh.source === null && fresh.error === null && i < 50; i++) {
      await page.waitForTimeout(20);
      fresh = (await entries(page)).find((e) => e.id === fresh!.id);
    }
    const source = fresh?.source;
    const served: Served = !fresh ? 'typed-through' : source === 'cache' || source === 'prefetch' ? source : source === 'typed-through' ? 'reuse' : 'model';
    samples.push({ key, ms: ghostAt - keyAt, served });
    await page.waitForTimeout(20 + Math.random() * 20);
  }
  return { samples, missed };
}
