// lib/browser/ui/: small UI hooks with no session logic.

'use client';

import { useEffect, useState } from 'react';

// 1.5 s: long enough to read "Copied", short enough that a second copy shows feedback again.
const CONFIRMATION_MS = 1500;

/** Copies text and remembers which item was copied, briefly, for the button's feedback. */
export function useClipboard(): { copied: string | null; copy(id: string, text: string): Promise<boolean> } {
  const [copied, setCopied] = useState<string | null>(null);
  useEffect(() => {
    if (copied === null) return;
    const timer = setTimeout(() => setCopied(null), CONFIRMATION_MS);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = async (id: string, text: string) => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // Clipboard API refused (insecure origin or no permission): the old selection-based copy still works.
      if (!legacyCopy(text)) return false;
    }
    setCopied(id);
    return true;
  };
  return { copied, copy };
}

function legacyCopy(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  const done = document.execCommand('copy');
  area.remove();
  return done;
}
