'use client';

import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { getFile } from '../../shared/document/doc-model';
import { useSessionStore } from '../collab/session-store';
import type { TextareaBinding, TextareaHandover } from './textarea-binding';

/**
 * The plain editor: the file as a textarea bound to its Y.Text, typed into while Monaco loads
 * (components/plain-file-editor.tsx). Monaco's binding takes over from it (use-collab-editor.ts) with
 * the caret and the focus where they were, in the same task, so no keystroke falls between the two.
 */
let current: { path: string; text: Y.Text; binding: TextareaBinding } | null = null;

export function registerPlainEditor(path: string, text: Y.Text, binding: TextareaBinding): () => void {
  const entry = { path, text, binding };
  current = entry;
  return () => {
    if (current === entry) current = null;
  };
}

/** Ends the plain editor of this file, if one is open, and says where its caret was. */
export function takeOverPlainEditor(path: string, text: Y.Text): TextareaHandover | null {
  if (!current || current.path !== path || current.text !== text) return null;
  const handover = current.binding.handOver();
  current = null;
  return handover;
}

/**
 * The file's Y.Text when the plain editor may edit it: the document has synced (so it is the shared
 * text, not an empty one), this link may edit, and the text holds no "\r" (a textarea would drop it).
 */
export function usePlainEditableText(path: string): Y.Text | null {
  const client = useSessionStore((s) => s.client);
  const synced = useSessionStore((s) => s.synced);
  const [text, setText] = useState<Y.Text | null>(null);
  useEffect(() => {
    const ytext = client && synced && client.canEdit ? getFile(client.doc, path) : undefined;
    setText(ytext && !ytext.toString().includes('\r') ? ytext : null);
  }, [client, synced, path]);
  return text;
}
