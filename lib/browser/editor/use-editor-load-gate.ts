'use client';

import { useEffect, useState } from 'react';
import { useSessionStore } from '../collab/session-store';
import { useWorkspaceStore } from '../workspace/workspace-store';

/** However the session fares, Monaco is rendered by then. */
const LOAD_AT_LATEST_MS = 2500;

/**
 * When to render Monaco (its module is requested as the page starts, session-loader.tsx). Creating the
 * editor holds the main thread for hundreds of milliseconds; done at once it delays the static text.
 * So it is rendered in the task after the frame that painted the static text, at once when there is no text
 * to wait for (the session was refused, the browser is offline, the synced room has no files), and in
 * any case after a deadline.
 */
export function useEditorLoadGate(textShown: boolean): boolean {
  const status = useSessionStore((s) => s.status.kind);
  const synced = useSessionStore((s) => s.synced);
  const noFiles = useWorkspaceStore((s) => s.files.length === 0);
  const nothingToWaitFor = status === 'refused' || status === 'offline' || (synced && noFiles);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (open) return;
    if (textShown || nothingToWaitFor) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const frame = requestAnimationFrame(() => (timer = setTimeout(() => setOpen(true), 0)));
      return () => {
        cancelAnimationFrame(frame);
        clearTimeout(timer);
      };
    }
    const deadline = setTimeout(() => setOpen(true), LOAD_AT_LATEST_MS);
    return () => clearTimeout(deadline);
  }, [open, textShown, nothingToWaitFor]);
  return open;
}
