'use client';

import { useRef, type ReactNode } from 'react';
import { useFocusTrap } from '@/lib/browser/ui/use-focus-trap';

interface Props {
  className: string;
  label: string;
  /** Open as a drawer; only small screens show the buttons that open one (session.css). */
  open: boolean;
  onClose(): void;
  testId?: string;
  children: ReactNode;
}

/**
 * A side panel: a column beside the editor on wide screens, a drawer over it on small ones. An open
 * drawer is modal: focus moves into it and stays until Escape, the backdrop, or its close button.
 */
export function Drawer({ className, label, open, onClose, testId, children }: Props) {
  const ref = useRef<HTMLElement>(null);
  useFocusTrap(ref, onClose, open);
  return (
    <>
      {open && <div className="drawer-backdrop" onMouseDown={onClose} data-testid="drawer-backdrop" />}
      <aside
        ref={ref}
        className={`${className} drawer${open ? ' is-open' : ''}`}
        aria-label={label}
        data-testid={testId}
        data-drawer-open={open}
        {...(open ? { role: 'dialog', 'aria-modal': true } : {})}
      >
        {open && (
          <button className="icon-button drawer-close" aria-label={`Close ${label}`} data-testid="drawer-close" onClick={onClose}>×</button>
        )}
        {children}
      </aside>
    </>
  );
}
