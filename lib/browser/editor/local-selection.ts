import * as Y from 'yjs';
import type * as monaco from 'monaco-editor';
import type { Awareness } from 'y-protocols/awareness';
import type { AwarenessSelection } from '../../shared/protocol/awareness';

// 40 ms: under three frames, so a peer's caret still looks live, while a held arrow key or a drag
// sends at most 25 awareness updates a second instead of one per event.
const PUBLISH_INTERVAL_MS = 40;

/**
 * Publishes this person's caret and selection in awareness as relative positions on the open file's
 * Y.Text, so they stay attached to the same characters while others type.
 */
export function publishLocalSelection(
  editor: monaco.editor.IStandaloneCodeEditor,
  instance: typeof monaco,
  awareness: Awareness,
  text: Y.Text,
): monaco.IDisposable {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const publish = () => {
    timer = null;
    const local = awareness.getLocalState();
    const model = editor.getModel();
    const selection = editor.getSelection();
    if (!local || !model || !selection) return;
    awareness.setLocalState({ ...local, selection: toAwarenessSelection(model, selection, instance, text) });
  };
  const schedule = () => {
    if (timer === null) timer = setTimeout(publish, PUBLISH_INTERVAL_MS);
  };
  const subscription = editor.onDidChangeCursorSelection(schedule);
  publish();
  return {
    dispose() {
      subscription.dispose();
      if (timer !== null) clearTimeout(timer);
    },
  };
}

function toAwarenessSelection(
  model: monaco.editor.ITextModel,
  selection: monaco.Selection,
  instance: typeof monaco,
  text: Y.Text,
): AwarenessSelection {
  const start = model.getOffsetAt(selection.getStartPosition());
  const end = model.getOffsetAt(selection.getEndPosition());
  const backwards = selection.getDirection() === instance.SelectionDirection.RTL;
  const at = (index: number) => Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, index));
  return { anchor: at(backwards ? end : start), head: at(backwards ? start : end) };
}
