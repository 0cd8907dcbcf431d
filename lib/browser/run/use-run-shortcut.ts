'use client';

import { useEffect } from 'react';

/**
 * Ctrl/Cmd+Enter runs the open file. Listened for in the capture phase on the window, so it works while
 * Monaco has focus (Monaco would otherwise take Enter as a newline first).
 */
export function useRunShortcut(run: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey) return;
      event.preventDefault();
      event.stopPropagation();
      run();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [run]);
}
