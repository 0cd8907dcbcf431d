import * as Y from 'yjs';

/**
 * One undo history per person per file, for as long as the page has the session open. A file's Monaco
 * binding is rebuilt whenever the person switches files; its history must not be: it is keyed by the
 * file's Y.Text (a file deleted and created again is a new text, with a new history) and outlives the
 * binding. Each binding adds itself as a tracked origin while it lives, so the history holds exactly
 * what this person typed in this file, whichever binding they typed it through.
 */
const histories = new WeakMap<Y.Text, Y.UndoManager>();

export function undoHistoryFor(text: Y.Text): Y.UndoManager {
  let history = histories.get(text);
  if (!history) {
    // No origin yet: the binding that opens the file adds itself (trackOwnEdits).
    history = new Y.UndoManager(text, { trackedOrigins: new Set() });
    histories.set(text, history);
    // Gone with the document: Y.UndoManager destroys itself when its doc is destroyed.
    text.doc?.once('destroy', () => histories.delete(text));
  }
  return history;
}

/** Counts `origin`'s transactions in the file's history until the returned function is called. */
export function trackOwnEdits(history: Y.UndoManager, origin: unknown): () => void {
  history.addTrackedOrigin(origin);
  return () => {
    history.removeTrackedOrigin(origin);
    // The next edit starts a new step: it was typed through another binding, maybe much later.
    history.stopCapturing();
  };
}
