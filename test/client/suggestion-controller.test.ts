import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { SuggestionLatency } from '../../lib/browser/ai/latency-store';
import { SuggestionController, type CursorSnapshot } from '../../lib/browser/ai/suggestion-controller';
import type { ClientMessageInput, ServerMessage } from '../../lib/shared/protocol/ai';
import type { RelativePositionJSON } from '../../lib/shared/protocol/awareness';

/** A fake editor: a text (mirrored in a Y.Text, as the binding keeps it) and a cursor, typed into by the test. */
function setup(initial = 'const total = ') {
  const shared = new Y.Doc().getText('main.ts');
  shared.insert(0, initial);
  let text = initial;
  let cursor = initial.length;
  let readOnly = false;
  const sent: ClientMessageInput[] = [];
  const reports: Array<[string, Partial<SuggestionLatency>]> = [];
  let ids = 0;
  let changes = 0;
  const snapshot = (): CursorSnapshot | null =>
    readOnly
      ? null
      : {
          file: 'main.ts',
          language: 'typescript',
          prefix: text.slice(0, cursor),
          suffix: text.slice(cursor),
          offset: cursor,
          caret: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(shared, cursor)),
        };
  const controller = new SuggestionController({
    snapshot,
    send: (m) => (sent.push(m), true),
    newId: () => `s${++ids}`,
    changed: () => changes++,
    report: (id, patch) => reports.push([id, patch]),
  });
  return {
    controller,
    sent,
    reports,
    get changes() {
      return changes;
    },
    type(chars: string, keyAt = 0) {
      shared.insert(cursor, chars);
      text = text.slice(0, cursor) + chars + text.slice(cursor);
      cursor += chars.length;
      controller.edited(keyAt);
    },
    /** A key predicted to type `chars` goes down; the editor has not applied it yet. */
    keyDown(chars: string, keyAt = 0) {
      controller.typing(chars, keyAt);
    },
    /** Someone else inserts `chars` at `offset`; the cursor follows text after it, as y-monaco keeps it. */
    othersType(offset: number, chars: string) {
      shared.insert(offset, chars);
      text = text.slice(0, offset) + chars + text.slice(offset);
      if (offset <= cursor) cursor += chars.length;
      controller.othersEdited('main.ts', offset);
    },
    moveTo(offset: number) {
      cursor = offset;
      controller.moved();
    },
    setReadOnly: (value: boolean) => (readOnly = value),
    /** Where a position a request carried is in the text now. */
    indexOf: (at: RelativePositionJSON | undefined) =>
      at && Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(at), shared.doc!)?.index,
    ghost: () => {
      const at = snapshot();
      return at ? (controller.ghostText(at)?.text ?? null) : null;
    },
    receive: (m: ServerMessage) => controller.receive(m),
    lastRequest: () => sent.filter((m) => m.type === 'complete').at(-1) as Extract<ClientMessageInput, { type: 'complete' }>,
  };
}

const stats = { tier: 'embedded' as const, source: 'model' as const, firstTokenMs: 3, tokensPerSecond: 120, chars: 9 };

describe('the ghost-text suggestion controller', () => {
  it('asks at the keystroke itself, with no wait, with the text around the cursor and where Spark’s cursor goes', () => {
    const t = setup('const total = ;');
    t.moveTo(14);
    t.type('a');
    expect(t.lastRequest()).toMatchObject({ type: 'complete', id: 's1', file: 'main.ts', language: 'typescript', prefix: 'const total = a', suffix: ';' });
    expect(t.indexOf(t.lastRequest().at)).toBe(15);
  });

  it('cancels the request of the previous keystroke when the next one does not continue it', () => {
    const t = setup();
    t.type('a');
    t.type('b');
    expect(t.sent.map((m) => m.type)).toEqual(['complete', 'cancel', 'complete']);
    expect(t.lastRequest()).toMatchObject({ id: 's2', prefix: 'const total = ab' });
  });

  it('grows the ghost text as chunks stream in, and asks the editor to redraw for each', () => {
    const t = setup();
    t.type('a');
    const before = t.changes;
    t.receive({ type: 'complete:chunk', id: 's1', text: 'mount' });
    expect(t.ghost()).toBe('mount');
    t.receive({ type: 'complete:chunk', id: 's1', text: ' * 2;' });
    expect(t.ghost()).toBe('mount * 2;');
    expect(t.changes).toBe(before + 2);
  });

  it('keeps showing the rest when the person types what was predicted, with no new request', () => {
    const t = setup();
    t.type('a');
    t.receive({ type: 'complete:chunk', id: 's1', text: 'mount * 2;' });
    t.type('mo');
    expect(t.ghost()).toBe('unt * 2;');
    // Still streaming: later chunks land after what was typed.
    t.receive({ type: 'complete:chunk', id: 's1', text: ' // twice' });
    expect(t.ghost()).toBe('unt * 2; // twice');
    expect(t.sent.filter((m) => m.type === 'complete' || m.type === 'cancel')).toHaveLength(1);
  });

  it('cancels a streaming suggestion the person typed against, then asks again', () => {
    const t = setup();
    t.type('a');
    t.receive({ type: 'complete:chunk', id: 's1', text: 'mount' });
    t.type('x');
    expect(t.sent.at(-2)).toEqual({ type: 'cancel', id: 's1' });
    expect(t.ghost()).toBeNull();
    expect(t.lastRequest()).toMatchObject({ id: 's2', prefix: 'const total = ax' });
    // Chunks of the cancelled request that were already on the way are ignored.
    t.receive({ type: 'complete:chunk', id: 's1', text: 'late' });
    expect(t.ghost()).toBeNull();
  });

  it('asks for the next suggestion once a finished one is accepted whole (Tab)', () => {
    const t = setup();
    t.type('a');
    t.receive({ type: 'complete:chunk', id: 's1', text: 'mount;' });
    t.receive({ type: 'complete:done', id: 's1', stats });
    t.type('mount;');
    expect(t.ghost()).toBeNull();
    expect(t.lastRequest()).toMatchObject({ id: 's2', prefix: 'const total = amount;' });
    expect(t.sent.some((m) => m.type === 'cancel')).toBe(false);
  });

  it('drops the suggestion and any pending request when the cursor moves elsewhere or on Esc', () => {
    const t = setup();
    t.type('a');
    t.receive({ type: 'complete:chunk', id: 's1', text: 'mount' });
    t.moveTo(3);
    expect(t.sent.at(-1)).toEqual({ type: 'cancel', id: 's1' });
    expect(t.ghost()).toBeNull();

    t.type('b');
    t.controller.dismiss();
    expect(t.sent.at(-1)).toEqual({ type: 'cancel', id: 's2' });
  });

  it('drops the suggestion, cancelling its stream, when someone else types at the cursor or before it', () => {
    const cases = [
      [15, 'const total = axm'],
      [6, 'const xtotal = am'],
      [0, 'xconst total = am'],
    ] as const;
    for (const [at, after] of cases) {
      const t = setup();
      t.type('a');
      t.receive({ type: 'complete:chunk', id: 's1', text: 'mount' });
      const before = t.changes;
      t.othersType(at, 'x');
      expect(t.ghost()).toBeNull();
      expect(t.sent.at(-1)).toEqual({ type: 'cancel', id: 's1' });
      expect(t.changes).toBe(before + 1);
      // Nothing is asked for the peer's keystroke; the person's next one asks for the text as it is now.
      t.type('m');
      expect(t.lastRequest()).toMatchObject({ id: 's2', prefix: after });
    }
  });

  it('drops it when someone else changes the rest of the cursor’s line, keeps it for a change on a later line', () => {
    const t = setup('const total = \nreturn total;');
    t.moveTo(14);
    t.type('a');
    t.receive({ type: 'complete:chunk', id: 's1', text: 'mount;' });
    t.receive({ type: 'complete:done', id: 's1', stats });
    t.othersType(22, ' // sum');
    expect(t.ghost()).toBe('mount;');
    t.othersType(15, ' ');
    expect(t.ghost()).toBeNull();
    expect(t.sent.filter((m) => m.type === 'cancel')).toEqual([]);
  });

  it('never asks for a view-only editor (no snapshot)', () => {
    const t = setup();
    t.setReadOnly(true);
    t.type('a');
    expect(t.sent).toEqual([]);
  });

  it('reports keystroke to first character once per suggestion, to the readout and the server', () => {
    const t = setup();
    t.type('a', 100);
    t.receive({ type: 'complete:chunk', id: 's1', text: 'mount' });
    t.controller.shown('s1', 142.5);
    t.controller.shown('s1', 180);
    expect(t.reports.filter(([, p]) => 'keystrokeToFirstCharMs' in p)).toEqual([['s1', { keystrokeToFirstCharMs: 42.5 }]]);
    expect(t.sent.filter((m) => m.type === 'latency')).toEqual([{ type: 'latency', id: 's1', keystrokeToFirstCharMs: 42.5 }]);
    t.receive({ type: 'complete:done', id: 's1', stats });
    expect(t.reports.at(-1)).toEqual(['s1', { tier: 'embedded', source: 'model', firstTokenMs: 3, tokensPerSecond: 120, chars: 9 }]);
  });

  it('reports an error naming its code, and shows nothing', () => {
    const t = setup();
    t.type('a');
    t.receive({ type: 'complete:error', id: 's1', error: { code: 'NO_TIER_AVAILABLE', message: 'No model answered.' } });
    expect(t.ghost()).toBeNull();
    expect(t.reports.at(-1)).toEqual(['s1', { error: 'NO_TIER_AVAILABLE: No model answered.' }]);
  });

  describe('asked at the keydown, before the editor applies the key', () => {
    it('sends the request for the text the key will make, and nothing more once the editor made it', () => {
      const t = setup();
      t.keyDown('a', 5);
      expect(t.lastRequest()).toMatchObject({ id: 's1', prefix: 'const total = a', suffix: '' });
      t.type('a', 5);
      expect(t.sent.map((m) => m.type)).toEqual(['complete']);
      t.receive({ type: 'complete:chunk', id: 's1', text: 'mount' });
      expect(t.ghost()).toBe('mount');
    });

    it('puts Spark’s cursor at the cursor as it is after the key, whether the key has been applied or not', () => {
      const t = setup('const total = ;');
      t.moveTo(14);
      t.keyDown('a');
      const { at } = t.lastRequest();
      expect(t.indexOf(at)).toBe(14);
      t.type('a');
      expect(t.indexOf(at)).toBe(15);
    });

    it('shows nothing of that answer before the editor has applied the key', () => {
      const t = setup();
      t.keyDown('a');
      t.receive({ type: 'complete:chunk', id: 's1', text: 'mount' });
      expect(t.ghost()).toBeNull();
      t.type('a');
      expect(t.ghost()).toBe('mount');
    });

    it('keeps an answer that came back finished and empty before the edit: it is the edit’s answer', () => {
      const t = setup();
      t.keyDown('a');
      t.receive({ type: 'complete:done', id: 's1', stats: { ...stats, chars: 0 } });
      t.type('a');
      expect(t.sent.map((m) => m.type)).toEqual(['complete']);
      expect(t.ghost()).toBeNull();
    });

    it('cancels it and asks again when the editor inserted something else', () => {
      const t = setup();
      t.keyDown('(');
      t.type('()');
      expect(t.sent.map((m) => m.type)).toEqual(['complete', 'cancel', 'complete']);
      expect(t.lastRequest()).toMatchObject({ id: 's2', prefix: 'const total = ()' });
      t.receive({ type: 'complete:chunk', id: 's1', text: 'stale' });
      expect(t.ghost()).toBeNull();
    });

    it('sends nothing for a key that types what the suggestion on screen predicted', () => {
      const t = setup();
      t.type('a');
      t.receive({ type: 'complete:chunk', id: 's1', text: 'mount' });
      t.keyDown('m');
      t.type('m');
      expect(t.sent.map((m) => m.type)).toEqual(['complete']);
      expect(t.ghost()).toBe('ount');
    });

    it('replaces the suggestion on screen at the keydown of a key that does not continue it', () => {
      const t = setup();
      t.type('a');
      t.receive({ type: 'complete:chunk', id: 's1', text: 'mount' });
      t.keyDown('x');
      expect(t.sent.map((m) => m.type)).toEqual(['complete', 'cancel', 'complete']);
      t.type('x');
      expect(t.lastRequest()).toMatchObject({ id: 's2', prefix: 'const total = ax' });
      expect(t.sent).toHaveLength(3);
    });
  });

  describe('when the server refuses a burst of keystrokes (RATE_LIMITED)', () => {
    afterEach(() => void vi.useRealTimers());
    const refusal = (id: string) =>
      ({ type: 'complete:error', id, error: { code: 'RATE_LIMITED', message: 'Too many.', retryAfterMs: 300 } }) as const;
    const requests = (t: ReturnType<typeof setup>) => t.sent.filter((m) => m.type === 'complete');

    it('sends nothing while the budget refills, then asks once for the last keystroke’s cursor', () => {
      vi.useFakeTimers();
      const t = setup('const x = ');
      t.type('a', 10);
      t.receive(refusal('s1'));
      t.type('b', 20);
      t.type('c', 30);
      expect(requests(t)).toHaveLength(1);
      vi.advanceTimersByTime(300);
      expect(requests(t)).toHaveLength(2);
      expect(t.lastRequest()).toMatchObject({ prefix: 'const x = abc' });
      t.receive({ type: 'complete:chunk', id: 's2', text: 'def' });
      t.controller.shown('s2', 45);
      // Measured from the last key, the one the person waits on.
      expect(t.reports).toContainEqual(['s2', { keystrokeToFirstCharMs: 15 }]);
      expect(t.reports.some(([, p]) => 'error' in p)).toBe(false);
    });

    it('forgets the wait on Esc or a cursor move: nothing is asked when the budget refills', () => {
      vi.useFakeTimers();
      const t = setup();
      t.type('a');
      t.receive(refusal('s1'));
      t.controller.dismiss();
      vi.advanceTimersByTime(1000);
      t.type('b');
      t.receive(refusal('s2'));
      t.moveTo(0);
      vi.advanceTimersByTime(1000);
      expect(requests(t)).toHaveLength(2);
    });
  });
});
