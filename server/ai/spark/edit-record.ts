/**
 * What undoing one Spark edit needs, as plain data any instance can act on: the Yjs ids of the text Spark
 * typed, and the text it deleted with the ids it had. Not a Y.UndoManager: that one keeps the deleted text
 * alive only in the memory of the process that made the edit (everywhere else Yjs garbage-collects it), so
 * an edit could not be undone once that process is gone.
 */
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { z } from 'zod';

const id = z.number().int().nonnegative();

export const sparkEditRecordSchema = z.object({
  /** Names the edit, so the record of a running edit is replaced as it grows. */
  id: z.string().min(1).max(64),
  file: z.string().min(1),
  /** Further files the same edit wrote (an edit of several files is still one undo step). */
  also: z.array(z.string().min(1)).max(10_000).optional(),
  /** Files the edit created: an undo that leaves one empty removes it. */
  created: z.array(z.string().min(1)).max(10_000).optional(),
  /** Runs Spark typed: [client, clock, length] of their Yjs items. */
  inserted: z.array(z.tuple([id, id, z.number().int().positive()])),
  /** Runs of the earlier text Spark deleted: [client, clock, text]. */
  deleted: z.array(z.tuple([id, id, z.string().min(1)])),
});
export type SparkEditRecord = z.infer<typeof sparkEditRecordSchema>;

/** The transaction origin of one Spark edit; the browser and tests recognise Spark by `spark: true`. */
export interface SparkOrigin {
  spark: true;
  requester: string;
}

/** Collects what one edit does to the document, transaction by transaction, while it runs. */
export class EditRecorder {
  readonly id = randomUUID();
  readonly origin: SparkOrigin;
  /** Called after each transaction of the edit that changed the document. */
  onChange: (() => void) | null = null;
  private readonly inserted: Array<[number, number, number]> = [];
  private readonly deleted: Array<[number, number, string]> = [];
  private readonly also = new Set<string>();
  private readonly created = new Set<string>();
  private recording = true;

  constructor(
    private readonly doc: Y.Doc,
    readonly file: string,
    requester: string,
  ) {
    // One object per edit: two edits of one person in two files are two undo steps.
    this.origin = { spark: true, requester };
    doc.on('afterTransaction', this.onTransaction);
  }

  /** The edit writes `path` too (and created it): its undo walks that file as well. */
  touch(path: string, created = false): void {
    if (path !== this.file) this.also.add(path);
    if (created) this.created.add(path);
  }

  /** What the edit did so far; null while it changed nothing. */
  snapshot(): SparkEditRecord | null {
    if (this.inserted.length === 0 && this.deleted.length === 0) return null;
    return {
      id: this.id,
      file: this.file,
      ...(this.also.size > 0 ? { also: [...this.also] } : {}),
      ...(this.created.size > 0 ? { created: [...this.created] } : {}),
      inserted: [...this.inserted],
      deleted: [...this.deleted],
    };
  }

  /** Stops recording; the whole edit's record. */
  finish(): SparkEditRecord | null {
    if (this.recording) this.doc.off('afterTransaction', this.onTransaction);
    this.recording = false;
    this.onChange = null;
    return this.snapshot();
  }

  // Runs before Yjs garbage-collects the deleted items, so their text is still there to copy.
  private readonly onTransaction = (transaction: Y.Transaction): void => {
    if (transaction.origin !== this.origin) return;
    const client = this.doc.clientID;
    const before = transaction.beforeState.get(client) ?? 0;
    const after = transaction.afterState.get(client) ?? 0;
    if (after > before) this.inserted.push([client, before, after - before]);
    Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
      if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString)) return;
      const { client: owner, clock } = struct.id;
      // Text this same edit typed and then took back is not the file's earlier text.
      for (const [from, length] of outside(this.inserted, owner, clock, struct.length)) {
        this.deleted.push([owner, from, struct.content.str.slice(from - clock, from - clock + length)]);
      }
    });
    if (after > before || transaction.deleteSet.clients.size > 0) this.onChange?.();
  };
}

/** The parts of [clock, clock + length) of `client` that no run covers, as [clock, length]. */
export function outside(runs: ReadonlyArray<readonly [number, number, number]>, client: number, clock: number, length: number): Array<[number, number]> {
  let parts: Array<[number, number]> = [[clock, length]];
  for (const [runClient, runClock, runLength] of runs) {
    if (runClient !== client) continue;
    const end = runClock + runLength;
    parts = parts.flatMap(([from, len]): Array<[number, number]> => {
      const to = from + len;
      if (end <= from || runClock >= to) return [[from, len]];
      const kept: Array<[number, number]> = [];
      if (runClock > from) kept.push([from, runClock - from]);
      if (end < to) kept.push([end, to - end]);
      return kept;
    });
  }
  return parts;
}
