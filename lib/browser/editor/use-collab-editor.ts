// lib/browser/editor/: Monaco bound to the shared document: the Y.Text binding, remote cursors with names,
// per-person undo, following a peer and Monaco's workers. useCollabEditor is the entry point.

'use client';

import { useEffect, useState } from 'react';
import type * as monaco from 'monaco-editor';
import type * as Y from 'yjs';
import { filesOf, getFile } from '../../shared/document/doc-model';
import { useSessionStore } from '../collab/session-store';
import { usePresenceStore } from '../presence/presence-store';
import { useWorkspaceStore } from '../workspace/workspace-store';
import { useEditorStore } from './editor-store';
import { FileBinding } from './file-binding';
import { followStep, revealPeerCaret } from './follow-peer';
import { publishLocalSelection } from './local-selection';
import { takeOverPlainEditor } from './plain-editor';
import { RemoteCursors } from './remote-cursors';
import { bindUndoKeys } from './undo-keys';
import { markOpen } from '../ui/open-timeline';

type Editor = monaco.editor.IStandaloneCodeEditor;

/** Wires a mounted Monaco editor to the session: the open file, presence, undo and following. */
export function useCollabEditor(editor: Editor, instance: typeof monaco): void {
  const client = useSessionStore((s) => s.client);
  const openFile = useWorkspaceStore((s) => s.openFile);
  const text = useOpenText(client?.doc ?? null, openFile);

  useEffect(() => {
    bindUndoKeys(editor, instance, () => useEditorStore.getState().binding);
    // Any keystroke or click of this person's own ends following: they are moving by themselves now.
    const stopFollowing = () => useWorkspaceStore.getState().follow(null);
    const subscriptions = [
      editor.onKeyDown(stopFollowing),
      editor.onMouseDown(stopFollowing),
      editor.onDidChangeCursorPosition((event) => useEditorStore.setState({ cursor: event.position })),
    ];
    useEditorStore.setState({ editor, monaco: instance });
    return () => {
      for (const subscription of subscriptions) subscription.dispose();
      useEditorStore.setState({ editor: null, monaco: null, cursor: null });
    };
  }, [editor, instance]);

  useEffect(() => {
    editor.updateOptions({ readOnly: !client?.canEdit });
  }, [editor, client]);

  useEffect(() => {
    if (!client || !openFile || !text) {
      editor.setModel(null);
      return;
    }
    const binding = new FileBinding(openFile, text, editor, instance);
    // In the task that binds Monaco, so every key typed into the plain editor is in the model already
    // and every key after lands in Monaco.
    const handover = takeOverPlainEditor(openFile, text);
    if (handover) {
      const start = binding.model.getPositionAt(handover.selectionStart);
      const end = binding.model.getPositionAt(handover.selectionEnd);
      const [anchor, caret] = handover.backward ? [end, start] : [start, end];
      editor.setSelection(new instance.Selection(anchor.lineNumber, anchor.column, caret.lineNumber, caret.column));
      editor.setScrollTop(handover.scrollTop);
      if (handover.focused) editor.focus();
    }
    const cursors = new RemoteCursors(editor, instance, openFile, text);
    const selection = publishLocalSelection(editor, instance, client.awareness, text);
    const render = () => cursors.render(usePresenceStore.getState().peers);
    const follow = () => {
      const { following, openFile: current, files, open, follow: setFollowing } = useWorkspaceStore.getState();
      if (following === null) return;
      const peer = usePresenceStore.getState().peers.find((p) => p.clientId === following);
      const step = followStep(peer, current, files);
      if (step.kind === 'stop') setFollowing(null);
      if (step.kind === 'open') open(step.file);
      if (step.kind === 'reveal' && peer) revealPeerCaret(editor, text, peer);
    };
    const unsubscribePresence = usePresenceStore.subscribe(() => (render(), follow()));
    const unsubscribeFollowing = useWorkspaceStore.subscribe((s, prev) => s.following !== prev.following && follow());
    const contentChanged = binding.model.onDidChangeContent(render);
    render();
    follow();
    useEditorStore.setState({ binding });
    markOpen('editable');
    return () => {
      useEditorStore.setState({ binding: null });
      contentChanged.dispose();
      unsubscribeFollowing();
      unsubscribePresence();
      selection.dispose();
      cursors.dispose();
      binding.destroy();
    };
  }, [editor, instance, client, openFile, text]);
}

/**
 * The Y.Text behind a path, read during render so it always matches the path. Re-reads when the files
 * map changes: a file deleted and created again under the same name is a new Y.Text to bind.
 */
function useOpenText(doc: Y.Doc | null, path: string | null): Y.Text | null {
  const [, setVersion] = useState(0);
  useEffect(() => {
    if (!doc) return;
    const files = filesOf(doc);
    const bump = () => setVersion((version) => version + 1);
    files.observe(bump);
    return () => files.unobserve(bump);
  }, [doc]);
  return doc && path ? (getFile(doc, path) ?? null) : null;
}
