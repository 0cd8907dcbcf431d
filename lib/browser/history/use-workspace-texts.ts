'use client';

import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { fileTexts } from '../../shared/document/doc-model';
import type { CollabClient } from '../collab/collab-client';

function snapshot(doc: Y.Doc): Record<string, string> {
  return Object.fromEntries(fileTexts(doc));
}

/** Every file's text now, updated at most once per `throttleMs` while people type. */
export function useWorkspaceTexts(client: CollabClient | null, throttleMs = 250): Record<string, string> {
  const [texts, setTexts] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!client) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const update = () => {
      timer ??= setTimeout(() => {
        timer = null;
        setTexts(snapshot(client.doc));
      }, throttleMs);
    };
    setTexts(snapshot(client.doc));
    client.doc.on('update', update);
    return () => {
      client.doc.off('update', update);
      if (timer) clearTimeout(timer);
    };
  }, [client, throttleMs]);
  return texts;
}
