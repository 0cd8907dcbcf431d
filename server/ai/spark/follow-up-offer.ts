/**
 * A person's change, reported by their browser, turned into the room's follow-ups: the language service
 * finds what the change makes necessary elsewhere (semantic/follow-ups.ts) and the room's board holds it.
 * The report travels on the AI socket and the change itself on the Yjs socket, so the report can arrive
 * first: it waits, boundedly, until the server's copy of the file shows the change.
 */
import * as Y from 'yjs';
import { filesOf } from '../../../lib/shared/document/doc-model';
import type { FollowUpPerson } from '../../../lib/shared/protocol/next-edit';
import type { CodeActions } from '../semantic/semantic-thread';
import type { SparkPeer } from './spark-peer';

export interface ReportedChange {
  file: string;
  from: number;
  to: number;
  before: string;
  /** What the span reads after the change, in the reporter's copy. */
  after: string;
}

/** Resolves true once `text` reads `after` over [from, to), false when `waitMs` pass first. */
function untilReads(text: Y.Text, change: ReportedChange, waitMs: number): Promise<boolean> {
  const reads = () => text.toString().slice(change.from, change.to) === change.after;
  if (reads()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      text.unobserve(check);
      resolve(ok);
    };
    const check = () => reads() && done(true);
    const timer = setTimeout(() => done(false), waitMs);
    text.observe(check);
  });
}

export async function offerFollowUps(spark: SparkPeer, actions: CodeActions | null, change: ReportedChange, author: FollowUpPerson, waitMs: number): Promise<void> {
  const text = filesOf(spark.room.doc).get(change.file);
  if (!actions || !(text instanceof Y.Text) || !(await untilReads(text, change, waitMs))) return;
  const { file: path, from, to, before } = change;
  const edits = await actions.followUps({ room: spark.room.id, path, from, to, before }).catch(() => []);
  if (edits.length > 0) spark.followUps.offer(author, edits);
}
