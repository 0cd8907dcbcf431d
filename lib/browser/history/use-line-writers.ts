'use client';

import { useMemo } from 'react';
import * as Y from 'yjs';
import { filesOf } from '../../shared/document/doc-model';
import { lineWriterIds } from '../../shared/document/line-writers';
import type { RoomWriters } from '../../shared/protocol/history';
import type { CollabClient } from '../collab/collab-client';

export type LineWriter = RoomWriters[string];

/**
 * Who wrote each line of a file as it is now, from this browser's copy of the document and the room's
 * client names. Recomputed when the text changes (`text` is the throttled copy the panel already shows).
 */
export function useLineWriters(client: CollabClient | null, path: string | null, text: string, writers: RoomWriters): Array<LineWriter | null> {
  return useMemo(() => {
    const file = client && path !== null ? filesOf(client.doc).get(path) : undefined;
    if (!(file instanceof Y.Text)) return [];
    return lineWriterIds(file).map((id) => writers[String(id)] ?? null);
    // `text` stands for the file's content: the Y.Text object stays the same while it changes.
  }, [client, path, text, writers]);
}
