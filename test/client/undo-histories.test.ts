import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { trackOwnEdits, undoHistoryFor } from '../../lib/browser/editor/undo-histories';

/** A binding's origin as y-monaco uses it: any object identity. */
const bindingOrigin = () => ({});

function type(text: Y.Text, value: string, origin: unknown): void {
  text.doc!.transact(() => text.insert(text.length, value), origin);
}

describe('undo histories', () => {
  it('keeps a file’s history when its binding is replaced by a new one', () => {
    const doc = new Y.Doc();
    const text = doc.getText('a');
    const first = bindingOrigin();
    const untrackFirst = trackOwnEdits(undoHistoryFor(text), first);
    type(text, 'one', first);
    untrackFirst();

    const second = bindingOrigin();
    trackOwnEdits(undoHistoryFor(text), second);
    expect(undoHistoryFor(text).canUndo()).toBe(true);
    undoHistoryFor(text).undo();
    expect(text.toString()).toBe('');
  });

  it('never undoes an edit that did not come through this person’s bindings', () => {
    const doc = new Y.Doc();
    const text = doc.getText('a');
    const mine = bindingOrigin();
    trackOwnEdits(undoHistoryFor(text), mine);
    type(text, 'mine ', mine);
    type(text, 'theirs', 'remote');
    undoHistoryFor(text).undo();
    expect(text.toString()).toBe('theirs');
  });

  it('starts a separate step after a switch, even within the capture window', () => {
    const doc = new Y.Doc();
    const text = doc.getText('a');
    const first = bindingOrigin();
    const untrack = trackOwnEdits(undoHistoryFor(text), first);
    type(text, 'a', first);
    untrack();
    const second = bindingOrigin();
    trackOwnEdits(undoHistoryFor(text), second);
    type(text, 'b', second);
    undoHistoryFor(text).undo();
    expect(text.toString()).toBe('a');
  });

  it('gives each text its own history', () => {
    const doc = new Y.Doc();
    const [a, b] = [doc.getText('a'), doc.getText('b')];
    expect(undoHistoryFor(a)).not.toBe(undoHistoryFor(b));
    expect(undoHistoryFor(a)).toBe(undoHistoryFor(a));
  });
});
