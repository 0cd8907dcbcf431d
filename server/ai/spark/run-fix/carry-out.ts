/**
 * How a planned fix reaches the files: as a proposal the room accepts or rejects, or typed in by Spark
 * straight away. Either way the asker's Spark undo covers what Spark typed.
 */
import { createFile } from '../../../../lib/shared/document/doc-model';
import type { AiError, ServerMessage } from '../../../../lib/shared/protocol/ai';
import type { FileChange } from '../file-change';
import type { SparkPeer } from '../spark-peer';
import { writeRefusal } from '../write-refusal';

/** Who the change is for, and what it is called in the room. */
export interface CarriedFor {
  id: string;
  requester: string;
  askedBy: string;
  title: string;
}

export type Carried =
  /** In the room as a proposal; `decided` settles once it is accepted (and typed) or rejected. */
  | { kind: 'proposed'; proposalId: string; decided: Promise<'accepted' | 'rejected'> }
  /** Spark typed it in. */
  | { kind: 'typed' }
  | { kind: 'refused'; error: AiError };

export type CarryOut = (changes: readonly FileChange[], forWhom: CarriedFor) => Promise<Carried>;

/**
 * Types each change through Spark's edit path (its cursor, the room's limits, the asker's undo), the
 * last place of a file first, so the offsets of the places before it still hold.
 */
export function typeChanges(spark: SparkPeer): CarryOut {
  return async (changes, forWhom) => {
    const ordered = [...changes].sort((a, b) => (a.file === b.file ? from(b) - from(a) : a.file < b.file ? -1 : 1));
    for (const [index, change] of ordered.entries()) {
      if (change.kind === 'create') {
        const refused = spark.room.admitWrite?.({ bytes: 256, files: [change.file] });
        if (refused) return { kind: 'refused', error: writeRefusal(refused) };
        const created = createFile(spark.room.doc, change.file, '', { spark: true });
        if (!created.ok) return { kind: 'refused', error: { code: 'FIX_NOT_APPLICABLE', message: `${change.file} cannot be created: ${created.reason}.` } };
      }
      const error = await typeOne(spark, `${forWhom.id}:${index}`.slice(0, 64), change, forWhom);
      if (error) return { kind: 'refused', error };
    }
    return { kind: 'typed' };
  };
}

const from = (change: FileChange) => (change.kind === 'replace' ? change.from : 0);

function typeOne(spark: SparkPeer, id: string, change: FileChange, forWhom: CarriedFor): Promise<AiError | null> {
  const range = change.kind === 'replace' ? { from: change.from, to: change.to } : { from: 0, to: 0 };
  return new Promise((resolve) => {
    const request = { id, requester: forWhom.requester, askedBy: forWhom.askedBy, file: change.file, language: 'plaintext', instruction: forWhom.title, ...range, pin: 'auto' as const, replacement: change.text };
    spark.edit(request, (message: ServerMessage) => {
      if (message.type === 'edit:done') resolve(message.stopped ? { code: 'FIX_NOT_APPLICABLE', message: `Spark stopped typing the fix (${message.stopped}).` } : null);
      else if (message.type === 'edit:error') resolve(message.error);
    });
  });
}
