'use client';

import { useId, useRef, type ReactNode } from 'react';
import { useFocusTrap } from '@/lib/browser/ui/use-focus-trap';

interface Props {
  title: string;
  onClose(): void;
  testId: string;
  /** Test id of the close button; `<testId>-close` unless given. */
  closeTestId?: string;
  /** Short text under the title; also the dialog's accessible description. */
  lead?: ReactNode;
  children: ReactNode;
}

/** A modal dialog: backdrop, title, close button, focus kept inside and given back on close. */
export function Dialog({ title, onClose, testId, closeTestId, lead, children }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const id = useId();
  useFocusTrap(ref, onClose);
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={ref}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={lead ? `${id}-lead` : undefined}
        data-testid={testId}
        tabIndex={-1}
      >
        <header className="dialog-header">
          <h2 id={`${id}-title`}>{title}</h2>
          <button className="icon-button" aria-label="Close" data-testid={closeTestId ?? `${testId}-close`} onClick={onClose}>×</button>
        </header>
        {lead && <p className="dialog-lead" id={`${id}-lead`}>{lead}</p>}
        {children}
      </div>
    </div>
  );
}
