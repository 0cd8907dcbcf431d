'use client';

import { useState } from 'react';
import { MAX_VERSION_LABEL_CHARS } from '@/lib/shared/protocol/history';

/** "Save version": a label (optional) and the button that keeps the workspace as it is now. */
export function SaveVersionForm({ saving, onSave }: { saving: boolean; onSave(label: string): Promise<boolean> }) {
  const [label, setLabel] = useState('');
  return (
    <form
      className="save-version"
      onSubmit={(e) => {
        e.preventDefault();
        void onSave(label.trim()).then((saved) => saved && setLabel(''));
      }}
    >
      <input
        aria-label="Version label"
        placeholder="Label (optional)"
        maxLength={MAX_VERSION_LABEL_CHARS}
        value={label}
        data-testid="version-label"
        onChange={(e) => setLabel(e.target.value)}
      />
      <button className="button" type="submit" disabled={saving} data-testid="save-version">
        {saving ? 'Saving…' : 'Save version'}
      </button>
    </form>
  );
}
