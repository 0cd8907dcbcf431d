/**
 * The shape of a room as Spark needs it. The collab Room (server/collab/core/room.ts) satisfies it; tests
 * build one from a bare Y.Doc and Awareness. Files are read through lib/shared/document/doc-model.ts.
 */
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';

export interface SparkRoom {
  id: string;
  doc: Y.Doc;
  awareness: Awareness;
}
