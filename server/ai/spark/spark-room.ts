/**
 * The shape of a room as Spark needs it. The collab Room (server/collab/core/room.ts) satisfies it; tests
 * build one from a bare Y.Doc and Awareness. Files are read through lib/shared/document/doc-model.ts.
 */
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { RefusalReason } from '../../../lib/shared/protocol/refusals';
import type { MemberWrite } from '../../collab/core/hooks';

export interface SparkRoom {
  id: string;
  doc: Y.Doc;
  awareness: Awareness;
  /**
   * Whether Spark may make a write, by the room's own limits and shape rules (the collab Room asks its
   * extensions, as for a client's update). A bare room in a unit test has none, and no limits.
   */
  admitWrite?(write: MemberWrite): RefusalReason | undefined;
  /**
   * The verified identity of the person whose connection made a transaction (its origin), or null (Spark,
   * another instance, a person without one). How Spark learns who ran a file: who wrote the run's record.
   */
  writerOf?(origin: unknown): string | null;
}
