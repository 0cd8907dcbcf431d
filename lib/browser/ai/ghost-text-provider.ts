import type * as monaco from 'monaco-editor';
import { nanoid } from 'nanoid';
import type * as Y from 'yjs';
import type { FileBinding } from '../editor/file-binding';
import { cursorSnapshot } from './cursor-snapshot';
import { frameCoalesced } from './frame-coalesced';
import { GhostPaintClock } from './ghost-paint-clock';
import { recordLatency } from './latency-store';
import { ignoreMonacoCancellations } from './monaco-cancellation';
import type { SparkClient } from './spark-client';
import { SuggestionController } from './suggestion-controller';

type Editor = monaco.editor.IStandaloneCodeEditor;

/**
 * Spark's ghost text in one open file, drawn by Monaco's inline-completions API: it gives Tab (accept),
 * Ctrl/Cmd+Right (accept a word), Esc (hide) and keeps showing the rest while the person types what was
 * predicted. The text lives only in this editor's view: it is private to the person typing. The
 * provider never starts a request; it answers at once from what the suggestion controller holds.
 */
export function attachGhostText(editor: Editor, instance: typeof monaco, binding: FileBinding, client: SparkClient): { dispose(): void } {
  const root = editor.getDomNode();
  if (!root) return { dispose: () => undefined };
  ignoreMonacoCancellations();
  let lastPainted: string | null = null;
  const redraw = frameCoalesced(() => askMonacoAgain(editor));
  const controller = new SuggestionController({
    snapshot: () =>
      editor.getModel() === binding.model && !editor.getOption(instance.editor.EditorOption.readOnly)
        ? cursorSnapshot(editor, binding.model, binding.path)
        : null,
    send: (message) => client.send(message),
    after: (ms, fn) => {
      const timer = setTimeout(fn, ms);
      return () => clearTimeout(timer);
    },
    newId: () => nanoid(12),
    changed: () => redraw.request(),
    report: recordLatency,
  });
  const clock = new GhostPaintClock(
    root,
    (event) => event.key === 'Escape' && controller.dismiss(),
    (id, at) => {
      lastPainted = id;
      controller.shown(id, at);
    },
  );

  editor.updateOptions({ inlineSuggest: { enabled: true, showToolbar: 'never', suppressSuggestions: true } });
  const provider = instance.languages.registerInlineCompletionsProvider('*', {
    // Monaco's own fixed 50 ms wait would come on top of ours; the adaptive debounce is the controller's.
    debounceDelayMs: 0,
    displayName: 'Spark',
    provideInlineCompletions(model, position) {
      if (model !== binding.model) return { items: [] };
      const snapshot = cursorSnapshot(editor, model, binding.path, position);
      const ghost = snapshot && controller.ghostText(snapshot);
      if (!ghost) return { items: [] };
      if (ghost.id !== lastPainted) clock.expect(ghost.id);
      // Monaco accepts several lines only when they end the line: mid-line, show the first one.
      const atLineEnd = position.column > model.getLineMaxColumn(position.lineNumber) - 1;
      const newline = ghost.text.indexOf('\n');
      const text = atLineEnd || newline === -1 ? ghost.text : ghost.text.slice(0, newline);
      const range = new instance.Range(position.lineNumber, position.column, position.lineNumber, position.column);
      // While Spark's text shows, the word-completion list stays closed: Tab means one thing.
      return { items: [{ insertText: text, range }], suppressSuggestions: true };
    },
    disposeInlineCompletions: () => undefined,
  });

  // Only this person's own edits ask for a suggestion; a peer's typing or Spark's edits must not.
  const onText = (_event: Y.YTextEvent, transaction: Y.Transaction) => {
    if (!binding.isOwnEdit(transaction)) return;
    const keyAt = clock.takeKey();
    // Monaco moves the cursor after the model change that got us here: read it once that is done.
    queueMicrotask(() => controller.edited(keyAt));
  };
  binding.text.observe(onText);
  const subscriptions = [
    editor.onDidChangeCursorPosition((event) => {
      if (event.reason === instance.editor.CursorChangeReason.Explicit) controller.moved();
    }),
    editor.onDidBlurEditorText(() => controller.dismiss()),
  ];
  const unsubscribe = client.subscribe((message) => controller.receive(message));
  const offConnection = client.onConnection((connection) => connection.kind !== 'ready' && controller.dismiss());

  return {
    dispose() {
      controller.dismiss();
      offConnection();
      unsubscribe();
      for (const subscription of subscriptions) subscription.dispose();
      binding.text.unobserve(onText);
      provider.dispose();
      clock.dispose();
      redraw.dispose();
    },
  };
}

/**
 * Shows the controller's current text. Monaco 0.55.1 does not ask a provider again while the text and
 * the cursor are unchanged — not even when the provider fires `onDidChangeInlineCompletions`: its new
 * fetch counts as "satisfied" by the last one (checked in a page: the provider was not called). Hiding
 * forgets the last fetch, and an explicit trigger asks at once, without a debounce; both settle in
 * microtasks, before the next frame, so the text grows without a blank frame (checked with a
 * MutationObserver: no frame without the ghost text). A trigger overtaken by the next keystroke rejects
 * with Monaco's `Canceled`, which is expected and ignored.
 */
function askMonacoAgain(editor: Editor): void {
  if (!editor.hasTextFocus()) return;
  void editor.getAction('editor.action.inlineSuggest.hide')?.run().catch(ignoreCancel);
  void editor.getAction('editor.action.inlineSuggest.trigger')?.run({}).catch(ignoreCancel);
}

function ignoreCancel(error: unknown): void {
  if ((error as Error | undefined)?.name !== 'Canceled') throw error;
}
