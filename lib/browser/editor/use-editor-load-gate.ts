'use client';

import { useEffect, useState } from 'react';
import { useSessionStore } from '../collab/session-store';
import { useWorkspaceStore } from '../workspace/workspace-store';

/** However the session fares, Monaco is rendered by then. */
const LOAD_AT_LATEST_MS = 2500;

/**
 * When to render Monaco, and so when to ask for its module. Evaluating that module and creating the
 * editor hold the main thread for the better part of a second; meanwhile no socket message is read and
 * nothing is drawn. So it waits for the document to sync, when the file shows in the plain editor and
 * can be typed into (plain-file-editor.tsx), and is rendered in the task after the frame that painted
 * it; at once when there is nothing to wait for (the session was refused, the browser is offline, the
 * synced room has no files), and in any case after a deadline.
 */
export function useEditorLoadGate(textShown: boolean): boolean {
  const status = useSessionStore((s) => s.status.kind);
  const synced = useSessionStore((s) => s.synced);
  const noFiles = useWorkspaceStore((s) => s.files.length === 0);
  const nothingToWaitFor = status === 'refused' || status === 'offline' || (synced && noFiles);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (open) return;
    if ((textShown && synced) || nothingToWaitFor) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const frame = requestAnimationFrame(() => (timer = setTimeout(() => setOpen(true), 0)));
      return () => {
        cancelAnimationFrame(frame);
        clearTimeout(timer);
      };
    }
    const deadline = setTimeout(() => setOpen(true), LOAD_AT_LATEST_MS);
    return () => clearTimeout(deadline);
  }, [open, textShown, synced, nothingToWaitFor]);
  return open;
}
