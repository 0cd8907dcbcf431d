'use client';

import { useEffect, useState } from 'react';
import type { CollabClient } from '../collab/collab-client';
import { getFile } from '../../shared/document/doc-model';

/** A file's text, updated at most once per `throttleMs` while people type. */
export function useFileText(client: CollabClient | null, path: string | null, throttleMs = 150): string | null {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    const ytext = client && path ? getFile(client.doc, path) : undefined;
    if (!ytext) {
      setText(null);
      return;
    }
    let timer: ReturnType<typeof setTimeout> | null = null;
    const update = () => {
      timer ??= setTimeout(() => {
        timer = null;
        setText(ytext.toString());
      }, throttleMs);
    };
    setText(ytext.toString());
    ytext.observe(update);
    return () => {
      ytext.unobserve(update);
      if (timer) clearTimeout(timer);
    };
  }, [client, path, throttleMs]);
  return text;
}
