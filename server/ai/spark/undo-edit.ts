/**
 * Undoes a recorded Spark edit (edit-record.ts) on whichever instance is asked, as one transaction: the
 * text Spark typed that is still there goes, and the text it deleted comes back where it was. People's
 * own edits since then stay, around and inside the span, as with a Y.UndoManager. A deleted item keeps its
 * place in the Y.Text's item list even after its text is garbage-collected, which is how "where it was"
 * is found on an instance that never held that text. An edit of several files is undone in all of them at
 * once, and a file it created that the undo leaves empty is removed.
 */
import * as Y from 'yjs';
import { filesOf } from '../../../lib/shared/document/doc-model';
import type { SparkEditRecord } from './edit-record';
import type { SparkUndoLog } from './undo-log';

/** Text put back by an undo got new ids: [old client, old clock, length, new client, new clock]. */
export type MovedRun = [number, number, number, number, number];

type Op = { kind: 'delete'; index: number; length: number } | { kind: 'insert'; index: number; text: string; from: [number, number] };

export function undoSparkEdit(doc: Y.Doc, record: SparkEditRecord, origin: object): { changed: boolean; moved: MovedRun[] } {
  const deletedBy = new Map<number, Array<[number, string]>>();
  for (const [client, clock, str] of record.deleted) {
    const runs = deletedBy.get(client) ?? [];
    runs.push([clock, str]);
    deletedBy.set(client, runs);
  }
  const files = filesOf(doc);
  const plans: Array<{ text: Y.Text; ops: Op[] }> = [];
  for (const path of new Set([record.file, ...(record.also ?? [])])) {
    const text = files.get(path);
    if (text instanceof Y.Text) plans.push({ text, ops: opsFor(text, record, deletedBy) });
  }
  // A created file left empty by the undo goes too, as if it had never been made.
  const emptied = (record.created ?? []).filter((path) => {
    const text = files.get(path);
    const plan = plans.find((p) => p.text === text);
    return text instanceof Y.Text && plan !== undefined && text.length === plan.ops.reduce((n, op) => n + (op.kind === 'delete' ? op.length : -op.text.length), 0);
  });
  if (plans.every((p) => p.ops.length === 0) && emptied.length === 0) return { changed: false, moved: [] };
  const moved: MovedRun[] = [];
  // Last first: each change then leaves the indexes of the ones before it as they were; inserts at one
  // index land in document order. Every file in one transaction: the whole edit is one step.
  doc.transact(() => {
    for (const { text, ops } of plans) {
      for (const op of ops.reverse()) {
        if (op.kind === 'delete') {
          text.delete(op.index, op.length);
        } else {
          const clock = Y.getState(doc.store, doc.clientID);
          text.insert(op.index, op.text);
          moved.push([op.from[0], op.from[1], op.text.length, doc.clientID, clock]);
        }
      }
    }
    for (const path of emptied) files.delete(path);
  }, origin);
  return { changed: true, moved };
}

/** One walk over a file's items, in document order: the index of each change as the file is now. */
function opsFor(text: Y.Text, record: SparkEditRecord, deletedBy: Map<number, Array<[number, string]>>): Op[] {
  const ops: Op[] = [];
  let index = 0;
  for (let item = text._start; item !== null; item = item.right) {
    const { client, clock } = item.id;
    if (!item.deleted) {
      if (!item.countable) continue;
      for (const [from, length] of inside(record.inserted, client, clock, item.length)) {
        ops.push({ kind: 'delete', index: index + from - clock, length });
      }
      index += item.length;
      continue;
    }
    for (const [from, str] of deletedBy.get(client) ?? []) {
      const start = Math.max(from, clock);
      const end = Math.min(from + str.length, clock + item.length);
      if (start < end) ops.push({ kind: 'insert', index, text: str.slice(start - from, end - from), from: [client, start] });
    }
  }
  return ops;
}

/** Undoes the requester's newest edit that still changes something; false when none does. */
export async function undoLatest(doc: Y.Doc, log: SparkUndoLog, requester: string): Promise<boolean> {
  for (let record = await log.pop(requester); record; record = await log.pop(requester)) {
    const { changed, moved } = undoSparkEdit(doc, record, { spark: true, requester });
    if (moved.length > 0) await log.rewrite(requester, (older) => followMoved(older, moved));
    if (changed) return true;
  }
  return false;
}

/**
 * An older edit of the same person that typed text a newer edit deleted: once the undo of the newer one
 * put that text back under new ids, the older edit's record must name those too.
 */
export function followMoved(record: SparkEditRecord, moved: readonly MovedRun[]): SparkEditRecord {
  const inserted = [...record.inserted];
  for (const [oldClient, oldClock, length, newClient, newClock] of moved) {
    for (const [from, len] of inside(record.inserted, oldClient, oldClock, length)) {
      inserted.push([newClient, newClock + (from - oldClock), len]);
    }
  }
  return inserted.length === record.inserted.length ? record : { ...record, inserted };
}

/** The parts of [clock, clock + length) of `client` that the runs cover, as [clock, length], in order. */
function inside(runs: ReadonlyArray<readonly [number, number, number]>, client: number, clock: number, length: number): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  for (const [runClient, runClock, runLength] of runs) {
    if (runClient !== client) continue;
    const start = Math.max(runClock, clock);
    const end = Math.min(runClock + runLength, clock + length);
    if (start < end) parts.push([start, end - start]);
  }
  return parts.sort((a, b) => a[0] - b[0]);
}
