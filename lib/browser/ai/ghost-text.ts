import type * as monaco from 'monaco-editor';
import { nanoid } from 'nanoid';
import type * as Y from 'yjs';
import type { FileBinding } from '../editor/file-binding';
import { AcceptAnnouncer } from './accept-announcer';
import { cursorSnapshot } from './cursor-snapshot';
import { frameCoalesced } from './frame-coalesced';
import { GhostPaintClock } from './ghost-paint-clock';
import { bindGhostTextKeys, nextWord } from './ghost-text-keys';
import { GhostTextView } from './ghost-text-view';
import { recordLatency } from './latency-store';
import { withInstantProvider } from './instant-provider';
import { ignoreMonacoCancellations } from './monaco-cancellation';
import type { SparkClient } from './spark-client';
import { SuggestionController } from './suggestion-controller';
import { insertedByKey } from './typed-key';

type Editor = monaco.editor.IStandaloneCodeEditor;

/**
 * Spark's ghost text in one open file, drawn by the page (ghost-text-view.ts) rather than through Monaco's
 * inline-completions API: that API asks its provider again on every change and draws a frame later, while a
 * decoration set in the keystroke's own task paints in the keystroke's frame. What the API gave is here:
 * Tab accepts, Ctrl/Cmd+Right accepts a word, Esc dismisses, typing what was predicted consumes it, nothing
 * shows during IME composition or with several cursors, and screen readers hear what was accepted. The
 * text lives only in this editor's view: it is private to the person typing.
 */
export function attachGhostText(editor: Editor, instance: typeof monaco, binding: FileBinding, client: SparkClient): { dispose(): void } {
  const root = editor.getDomNode();
  if (!root) return { dispose: () => undefined };
  ignoreMonacoCancellations();
  editor.updateOptions({ inlineSuggest: { enabled: false } });
  let composing = false;
  let lastPainted: string | null = null;
  const promptWindow = () => {
    const connection = client.connection;
    return (connection.kind === 'ready' && connection.promptWindow) || undefined;
  };
  const snapshot = () =>
    !composing && editor.getModel() === binding.model && !editor.getOption(instance.editor.EditorOption.readOnly)
      ? cursorSnapshot(editor, binding, promptWindow())
      : null;
  const view = new GhostTextView(editor, instance);
  const announcer = new AcceptAnnouncer(root.parentElement ?? root);

  /** Puts the controller's current text on screen at the cursor, or clears it; synchronous. */
  const draw = () => {
    const at = snapshot();
    const ghost = at && editor.hasTextFocus() ? controller.ghostText(at) : null;
    const position = editor.getPosition();
    if (!ghost || !position) {
      view.clear();
      keys.visible(false);
      return;
    }
    if (ghost.id !== lastPainted) clock.expect(ghost.id);
    view.show(position, ghost.text);
    keys.visible(view.text !== '');
  };
  const redraw = frameCoalesced(draw);
  const controller = new SuggestionController({
    snapshot,
    send: withInstantProvider((message) => client.send(message), (message) => controller.receive(message)),
    newId: () => nanoid(12),
    changed: () => redraw.request(),
    report: recordLatency,
  });

  /** Inserts the drawn text, or its first `length` characters, at the cursor as this person's edit. */
  const accept = (part: (text: string) => string) => {
    const position = editor.getPosition();
    const text = part(view.text);
    if (!position || text === '') return;
    const range = new instance.Range(position.lineNumber, position.column, position.lineNumber, position.column);
    editor.pushUndoStop();
    // The edit reaches the controller as a keystroke: typed-through keeps the rest of the suggestion.
    editor.executeEdits('spark-ghost-text', [{ range, text, forceMoveMarkers: true }]);
    editor.pushUndoStop();
    announcer.accepted(text);
  };
  const keys = bindGhostTextKeys(editor, instance, {
    accept: () => accept((text) => text),
    acceptWord: () => accept(nextWord),
  });
  const dismiss = () => {
    controller.dismiss();
    draw();
  };
  const onKey = (event: KeyboardEvent, at: number) => {
    if (event.key === 'Escape' && !event.isComposing) return dismiss();
    // Drawn once the edit is in the model, as for any keystroke: until then its suggestion cannot show.
    const text = insertedByKey(event, editor, instance);
    if (text) controller.typing(text, at);
  };
  const clock = new GhostPaintClock(
    root,
    onKey,
    (id, at) => {
      lastPainted = id;
      controller.shown(id, at);
    },
  );

  // Only this person's own edits ask for a suggestion; a peer's typing or Spark's edits must not, but
  // they can leave the suggestion on screen answering text that is gone.
  const onText = (event: Y.YTextEvent, transaction: Y.Transaction) => {
    if (!binding.isOwnEdit(transaction)) return controller.othersEdited(binding.path, firstChangedOffset(event.delta));
    const keyAt = clock.takeKey();
    // Monaco moves the cursor after the model change that got us here: read it once that is done, still
    // before the frame that paints the keystroke.
    queueMicrotask(() => {
      controller.edited(keyAt);
      draw();
    });
  };
  binding.text.observe(onText);
  const subscriptions = [
    editor.onDidChangeCursorPosition((event) => {
      if (event.reason !== instance.editor.CursorChangeReason.Explicit) return;
      controller.moved();
      draw();
    }),
    // Several cursors: one suggestion cannot be placed at all of them, so none shows.
    editor.onDidChangeCursorSelection(() => (editor.getSelections()?.length ?? 0) > 1 && dismiss()),
    editor.onDidCompositionStart(() => {
      composing = true;
      dismiss();
    }),
    editor.onDidCompositionEnd(() => {
      composing = false;
      const keyAt = clock.takeKey();
      queueMicrotask(() => {
        controller.edited(keyAt);
        draw();
      });
    }),
    editor.onDidBlurEditorText(dismiss),
  ];
  const unsubscribe = client.subscribe((message) => controller.receive(message));
  const offConnection = client.onConnection((connection) => connection.kind !== 'ready' && dismiss());

  return {
    dispose() {
      controller.dismiss();
      offConnection();
      unsubscribe();
      for (const subscription of subscriptions) subscription.dispose();
      binding.text.unobserve(onText);
      keys.dispose();
      view.dispose();
      announcer.dispose();
      clock.dispose();
      redraw.dispose();
    },
  };
}

/** Where a Y.Text change begins: the delta retains the text before its first insert or delete. */
function firstChangedOffset(delta: Y.YTextEvent['delta']): number {
  const first = delta[0];
  return first?.retain !== undefined ? first.retain : 0;
}
