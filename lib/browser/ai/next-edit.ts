import type * as monaco from 'monaco-editor';
import { nanoid } from 'nanoid';
import type * as Y from 'yjs';
import type { FollowUp } from '../../shared/protocol/next-edit';
import type { FileBinding } from '../editor/file-binding';
import { useWorkspaceStore } from '../workspace/workspace-store';
import { ChangeSpanTracker, type DeltaStep } from './change-span';
import { bindNextEditKeys } from './next-edit-keys';
import { dismiss, goTo, nextFor, useNextEditStore } from './next-edit-store';
import { NextEditView } from './next-edit-view';
import type { SparkClient } from './spark-client';

type Editor = monaco.editor.IStandaloneCodeEditor;

/** A pause in typing after which a change is reported: short enough that the hint follows a rename closely. */
const REPORT_AFTER_MS = 300;
/** Longest span, before or after, worth reporting: a rename or a parameter list, not a pasted page. */
const MAX_SPAN_CHARS = 1000;

function stepsOf(delta: Y.YTextEvent['delta']): DeltaStep[] {
  return delta.flatMap((op): DeltaStep[] => {
    if (op.retain) return [{ retain: op.retain }];
    if (typeof op.insert === 'string') return [{ insert: op.insert }];
    return op.delete ? [{ delete: op.delete }] : [];
  });
}

/**
 * Next-edit suggestions in one open file for the person `me`. Their own changes are reported to the
 * server after a pause (the span they changed and what it read); the room's follow-ups come back in the
 * store. Tab goes to the next one (claiming it, opening its file), Tab again applies it, Esc skips it.
 */
export function attachNextEdit(editor: Editor, instance: typeof monaco, binding: FileBinding, client: SparkClient, me: string): { dispose(): void } {
  const view = new NextEditView(editor, instance);
  const tracker = new ChangeSpanTracker();
  const model = binding.model;
  let previous = binding.text.toString();
  let applying = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const report = () => {
    timer = null;
    const span = tracker.current;
    if (!span) return;
    const after = previous.slice(span.from, span.to);
    if (after === span.before || after.length > MAX_SPAN_CHARS || span.before.length > MAX_SPAN_CHARS) return;
    client.send({ type: 'next-edit:changed', id: nanoid(12), file: binding.path, from: span.from, to: span.to, before: span.before, after });
  };

  /** What Tab does now, if anything: go to a follow-up, or apply the one the cursor is at. */
  const next = (): { action: 'go' | 'apply'; followUp: FollowUp } | null => {
    const position = editor.getPosition();
    if (editor.getModel() !== model || !position) return null;
    const state = useNextEditStore.getState();
    const lineOf = (offset: number) => model.getPositionAt(offset).lineNumber;
    const followUp = nextFor(state, me, binding.path, model.getOffsetAt(position), lineOf);
    if (!followUp) return null;
    const here = followUp.file === binding.path && (state.going === followUp.id || lineOf(followUp.from) === position.lineNumber);
    return { action: here ? 'apply' : 'go', followUp };
  };

  const draw = () => {
    if (editor.getModel() !== model) return view.clear();
    const followUps = useNextEditStore.getState().followUps.filter((f) => f.file === binding.path);
    const now = next();
    view.draw(followUps, now, me);
    keys.visible(now !== null);
  };

  const rangeOf = (f: FollowUp) => instance.Range.fromPositions(model.getPositionAt(f.from), model.getPositionAt(f.to));

  const reveal = (f: FollowUp) => {
    const end = model.getPositionAt(f.to);
    editor.setPosition(end);
    editor.revealPositionInCenterIfOutsideViewport(end);
    editor.focus();
  };

  const go = (f: FollowUp) => {
    client.send({ type: 'next-edit:claim', id: nanoid(12), followUp: f.id });
    goTo(f.id);
    if (f.file !== binding.path) useWorkspaceStore.getState().open(f.file);
    else reveal(f);
  };

  // The edit is this person's own, typed by their Tab as an accepted ghost text is: it is in their undo
  // history (Ctrl+Z takes it back), the history names them as its writer, and the room checks it like their
  // typing. Spark found it; they chose to make it.
  const apply = (f: FollowUp) => {
    const range = rangeOf(f);
    if (model.getValueInRange(range) !== f.before) return dismiss(f.id);
    if (f.claimedBy?.userId !== me) client.send({ type: 'next-edit:claim', id: nanoid(12), followUp: f.id });
    applying = true;
    editor.pushUndoStop();
    editor.executeEdits('spark-next-edit', [{ range, text: f.after, forceMoveMarkers: true }]);
    editor.pushUndoStop();
    applying = false;
    // Done here: the server drops it when its copy shows the edit; the next one is offered at once.
    dismiss(f.id);
    editor.setPosition(model.getPositionAt(f.from + f.after.length));
  };

  const keys = bindNextEditKeys(editor, instance, {
    tab: () => {
      const now = next();
      if (now?.action === 'go') go(now.followUp);
      else if (now) apply(now.followUp);
      draw();
    },
    escape: () => {
      const now = next();
      if (!now) return;
      if (now.followUp.claimedBy?.userId === me) client.send({ type: 'next-edit:release', id: nanoid(12), followUp: now.followUp.id });
      dismiss(now.followUp.id);
      draw();
    },
  });

  const onText = (event: Y.YTextEvent, transaction: Y.Transaction) => {
    const own = binding.isOwnEdit(transaction) && !applying;
    tracker.apply(previous, stepsOf(event.delta), own);
    previous = binding.text.toString();
    if (applying) tracker.reset();
    if (own) {
      if (timer) clearTimeout(timer);
      timer = setTimeout(report, REPORT_AFTER_MS);
    }
    // Monaco moves the cursor after the model change that got here.
    queueMicrotask(draw);
  };
  binding.text.observe(onText);

  const going = useNextEditStore.getState().followUps.find((f) => f.id === useNextEditStore.getState().going);
  if (going?.file === binding.path) reveal(going);
  const unsubscribe = useNextEditStore.subscribe(draw);
  const moved = editor.onDidChangeCursorPosition(draw);
  draw();

  return {
    dispose() {
      if (timer) clearTimeout(timer);
      binding.text.unobserve(onText);
      unsubscribe();
      moved.dispose();
      keys.dispose();
      view.dispose();
    },
  };
}
