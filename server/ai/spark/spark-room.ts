/**
 * The shape of a room as Spark needs it. The collab Room (server/collab/core/room.ts) satisfies it; tests build one from a bare Y.Doc
 * and Awareness. Files live in `doc.getMap('files')`: path -> Y.Text.
 */
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';

export interface SparkRoom {
  id: string;
  doc: Y.Doc;
  awareness: Awareness;
}

export function filesOf(doc: Y.Doc): Y.Map<Y.Text> {
  return doc.getMap<Y.Text>('files');
}
