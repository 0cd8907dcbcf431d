/**
 * Keystroke to first ghost-text character on screen, measured in the page with the definition the
 * benchmark uses (bench/parts/keystroke.ts): a capture-phase keydown listener on the editor stamps each
 * key before Monaco handles it, and a MutationObserver sees the DOM nodes Monaco adds for ghost text
 * (class names containing `ghost-text`). Monaco writes its view inside an animation-frame callback, so
 * that mutation is in the frame that paints the text. Both ends are also left as User Timing entries
 * (`performance.mark`/`measure`) for the browser's performance panel.
 */

const KEY_MARK = 'sparkpad:keydown';
const PAINT_MEASURE = 'sparkpad:keystroke-to-ghost-text';
/** A key older than this did not cause the edit being handled (a paste from the menu, a drop). */
const KEY_RELEVANCE_MS = 1000;
const MAX_MEASURES = 200;

export class GhostPaintClock {
  private lastKeyAt: number | null = null;
  private awaiting: string | null = null;
  private reporting: ReturnType<typeof setTimeout> | undefined;
  private readonly observer: MutationObserver;

  constructor(
    private readonly root: HTMLElement,
    private readonly onKey: (event: KeyboardEvent, at: number) => void,
    private readonly onPaint: (id: string, at: number) => void,
  ) {
    root.addEventListener('keydown', this.keydown, { capture: true });
    this.observer = new MutationObserver(this.mutated);
    this.observer.observe(root, { childList: true, subtree: true });
  }

  /** When the key behind the edit being handled went down; now for an edit without a key. */
  takeKey(): number {
    const at = this.lastKeyAt;
    this.lastKeyAt = null;
    const now = performance.now();
    return at !== null && now - at < KEY_RELEVANCE_MS ? at : now;
  }

  /** Suggestion `id` has just been handed to the editor: the next ghost text drawn is its first. */
  expect(id: string): void {
    this.awaiting = id;
  }

  dispose(): void {
    this.root.removeEventListener('keydown', this.keydown, { capture: true });
    this.observer.disconnect();
    clearTimeout(this.reporting);
  }

  private readonly keydown = (event: KeyboardEvent): void => {
    this.lastKeyAt = performance.now();
    performance.clearMarks(KEY_MARK);
    performance.mark(KEY_MARK, { startTime: this.lastKeyAt, detail: { key: event.key } });
    this.onKey(event, this.lastKeyAt);
  };

  private readonly mutated = (records: MutationRecord[]): void => {
    const id = this.awaiting;
    if (id === null || !records.some((r) => [...r.addedNodes].some(showsGhostText))) return;
    this.awaiting = null;
    const at = performance.now();
    const key = performance.getEntriesByName(KEY_MARK).at(-1);
    // Told in a task of its own: this runs inside the frame that paints the text, and what hears of it
    // (the latency store and its status bar, a message to the server) would hold that paint back.
    this.reporting = setTimeout(() => {
      if (key) performance.measure(PAINT_MEASURE, { start: key.startTime, end: at, detail: { id } });
      if (performance.getEntriesByName(PAINT_MEASURE).length > MAX_MEASURES) performance.clearMeasures(PAINT_MEASURE);
      this.onPaint(id, at);
    }, 0);
  };
}

function showsGhostText(node: Node): boolean {
  if (!(node instanceof Element)) return false;
  const candidates = /ghost-text/.test(node.className) ? [node] : [...node.querySelectorAll('[class*="ghost-text"]')];
  return candidates.some((el) => (el.textContent ?? '').trim() !== '');
}
