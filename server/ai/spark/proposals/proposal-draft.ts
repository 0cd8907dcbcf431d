/**
 * Writes one proposal into the shared document as it is planned: opened empty, then brought to the latest
 * plan at each step of the model's stream (only what changed is written: an unchanged hunk keeps its
 * Y.Map, a hunk whose new text grew gets the new characters), then closed with its status. Every write is
 * admitted by the room first, as a person's update would be.
 */
import { nanoid } from 'nanoid';
import * as Y from 'yjs';
import { getFile } from '../../../../lib/shared/document/doc-model';
import {
  anchorsFor,
  MAX_PROPOSALS,
  placeHunk,
  PROPOSALS_KEY,
  proposalsOf,
  type Hunk,
  type Proposal,
  type ProposalStatus,
} from '../../../../lib/shared/document/proposals';
import type { RefusalReason } from '../../../../lib/shared/protocol/refusals';
import type { FileChange } from '../file-change';
import type { SparkRoom } from '../spark-room';
import { writeBound } from '../write-bound';
import { plannedHunks, type PlannedHunk } from './line-hunks';

/** The transaction origin of Spark's proposal writes. */
export const SPARK_PROPOSAL_ORIGIN = { sparkProposal: true } as const;

/** Who asked, as the room sees them, and what. `id` names the proposal (the request's id serves). */
export type ProposalAuthor = Pick<Proposal, 'id' | 'askerId' | 'askerName' | 'askerColor' | 'title'>;

/** Room kept for the fields that close a proposal (status, note). */
const CLOSING_BYTES = 1_500;

export class ProposalDraft {
  private constructor(
    private readonly room: SparkRoom,
    private readonly entry: Y.Map<unknown>,
  ) {}

  get id(): string {
    return this.entry.get('id') as string;
  }

  /** Adds the proposal, streaming and empty, dropping the oldest beyond the cap; or the room's refusal. */
  static open(room: SparkRoom, author: ProposalAuthor): { ok: true; draft: ProposalDraft } | { ok: false; reason: RefusalReason } {
    const fields: Omit<Proposal, 'hunks'> = { ...author, at: Date.now(), status: 'streaming', note: null };
    const refused = room.admitWrite?.({ bytes: writeBound([JSON.stringify(fields)]) + CLOSING_BYTES, entries: [{ root: PROPOSALS_KEY, value: { ...fields, hunks: [] } }] });
    if (refused) return { ok: false, reason: refused };
    const entry = new Y.Map<unknown>();
    for (const [key, value] of Object.entries(fields)) entry.set(key, value);
    entry.set('hunks', new Y.Array<Y.Map<unknown>>());
    const proposals = proposalsOf(room.doc);
    room.doc.transact(() => {
      proposals.push([entry]);
      if (proposals.length > MAX_PROPOSALS) proposals.delete(0, proposals.length - MAX_PROPOSALS);
    }, SPARK_PROPOSAL_ORIGIN);
    return { ok: true, draft: new ProposalDraft(room, entry) };
  }

  /**
   * Brings the proposal's hunks to the plan `changes` makes of the current text (`final`: the texts are
   * complete). Returns the room's refusal, having written nothing, when it cannot take the write.
   */
  update(changes: readonly FileChange[], final: boolean): RefusalReason | undefined {
    const doc = this.room.doc;
    const { hunks: planned, cut } = plannedHunks((file) => getFile(doc, file)?.toString() ?? null, changes, final);
    const stored = this.entry.get('hunks') as Y.Array<Y.Map<unknown>>;
    const steps: Array<() => void> = [];
    const pieces: string[] = [];
    let deletions = 0;
    planned.forEach((hunk, index) => {
      const existing = index < stored.length ? stored.get(index) : null;
      if (existing && sameHunk(doc, existing, hunk)) {
        const added = existing.get('added') as Y.Text;
        const now = added.toString();
        if (now === hunk.added) return;
        const common = commonPrefix(now, hunk.added);
        pieces.push(hunk.added.slice(common));
        if (common < now.length) deletions++;
        steps.push(() => {
          if (common < now.length) added.delete(common, now.length - common);
          added.insert(common, hunk.added.slice(common));
        });
        return;
      }
      const { map, values } = hunkMap(doc, hunk);
      pieces.push(...values);
      if (existing) deletions++;
      steps.push(() => {
        if (existing) stored.delete(index, 1);
        stored.insert(index, [map]);
      });
    });
    if (stored.length > planned.length) {
      deletions++;
      steps.push(() => stored.delete(planned.length, stored.length - planned.length));
    }
    if (cut && final) steps.push(() => this.entry.set('note', 'Some changes were too large to propose and were left out.'));
    if (steps.length === 0) return undefined;
    const refused = this.room.admitWrite?.({ bytes: writeBound(pieces, deletions) + CLOSING_BYTES });
    if (refused) return refused;
    doc.transact(() => steps.forEach((step) => step()), SPARK_PROPOSAL_ORIGIN);
    return undefined;
  }

  /** Ends the stream: the proposal can now be reviewed (or says why it stopped). */
  finish(status: Exclude<ProposalStatus, 'streaming'>, note: string | null = null): void {
    this.room.doc.transact(() => {
      this.entry.set('status', status);
      if (note !== null) this.entry.set('note', note.slice(0, 1000));
    }, SPARK_PROPOSAL_ORIGIN);
  }

  /** How many hunks it holds now. */
  get hunkCount(): number {
    return (this.entry.get('hunks') as Y.Array<unknown>).length;
  }
}

function sameHunk(doc: Y.Doc, existing: Y.Map<unknown>, hunk: PlannedHunk): boolean {
  const stored = existing.toJSON() as Hunk;
  if (stored.file !== hunk.file || stored.kind !== hunk.kind || stored.removed !== hunk.removed || stored.state !== 'pending') return false;
  if (hunk.kind === 'create') return true;
  const place = placeHunk(doc, stored);
  return place !== null && place.from === hunk.from && place.to === hunk.to;
}

/** A new hunk's Y.Map, and the values it writes (for the write's size bound). */
function hunkMap(doc: Y.Doc, hunk: PlannedHunk): { map: Y.Map<unknown>; values: string[] } {
  const text = getFile(doc, hunk.file);
  const anchors = hunk.kind === 'replace' && text ? anchorsFor(text, hunk.from, hunk.to) : { start: null, end: null };
  const fields: Omit<Hunk, 'added'> = { id: nanoid(10), file: hunk.file, kind: hunk.kind, ...anchors, removed: hunk.removed, state: 'pending', decidedBy: null };
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) map.set(key, value);
  map.set('added', new Y.Text(hunk.added));
  return { map, values: [...Object.values(fields).map((value) => JSON.stringify(value)), hunk.added] };
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
