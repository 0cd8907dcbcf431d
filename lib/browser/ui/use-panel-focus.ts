'use client';

import { useEffect, type RefObject } from 'react';

/**
 * A panel that opens over part of the page (not modal): focus moves to it when it opens (`ref`, e.g. its
 * heading with tabIndex -1, so a screen reader announces where it is), Escape there closes it unless something
 * (a dialog) took the key first, and on close focus returns to whatever had it before
 * (the button that opened it).
 */
export function usePanelFocus(ref: RefObject<HTMLElement | null>, onClose: () => void): void {
  useEffect(() => {
    const target = ref.current;
    if (!target) return;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    target.focus();
    const panel = target.closest('section') ?? target;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      // Inside the panel, or nowhere (a control that held focus went away); not in another panel's field.
      const at = document.activeElement;
      if (at && at !== document.body && !panel.contains(at)) return;
      event.preventDefault();
      onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      if (returnTo?.isConnected) returnTo.focus();
    };
  }, [ref, onClose]);
}
