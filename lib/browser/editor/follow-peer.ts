import * as Y from 'yjs';
import type * as monaco from 'monaco-editor';
import type { Peer } from '../../shared/protocol/awareness';

export type FollowStep =
  | { kind: 'stop' }
  | { kind: 'open'; file: string }
  | { kind: 'reveal' }
  | { kind: 'wait' };

/**
 * What following a person means right now: open the file they are in, then keep their caret in view.
 * Pure, so the rule is testable without an editor.
 */
export function followStep(peer: Peer | undefined, openFile: string | null, files: readonly string[]): FollowStep {
  if (!peer) return { kind: 'stop' };
  if (peer.file && peer.file !== openFile && files.includes(peer.file)) return { kind: 'open', file: peer.file };
  if (peer.file === openFile && peer.selection) return { kind: 'reveal' };
  return { kind: 'wait' };
}

/** Scrolls the editor to the peer's caret when it is outside the viewport. */
export function revealPeerCaret(editor: monaco.editor.IStandaloneCodeEditor, text: Y.Text, peer: Peer): void {
  const model = editor.getModel();
  const doc = text.doc;
  if (!model || !doc || !peer.selection) return;
  const head = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(peer.selection.head), doc);
  if (!head || head.type !== text) return;
  // 0 = ScrollType.Smooth: following should glide, not jump, when the peer moves.
  editor.revealPositionInCenterIfOutsideViewport(model.getPositionAt(head.index), 0);
}
