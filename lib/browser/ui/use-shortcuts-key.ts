'use client';

import { useEffect } from 'react';

/** Where a typed `?` is text, not a shortcut. */
function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select, .monaco-editor') !== null;
}

/**
 * Opens the shortcuts list on `?` outside text fields and on Ctrl/Cmd+/ outside the editor, where
 * Ctrl/Cmd+/ keeps its meaning everyone knows from their editor: comment the line.
 */
export function useShortcutsKey(open: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey) return;
      const inEditor = event.target instanceof HTMLElement && event.target.closest('.monaco-editor') !== null;
      const slash = event.key === '/' && (event.ctrlKey || event.metaKey) && !inEditor;
      const question = event.key === '?' && !event.ctrlKey && !event.metaKey && !isTextField(event.target);
      if (!slash && !question) return;
      event.preventDefault();
      open();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
}
