import * as Y from 'yjs';
import { z } from 'zod';
import { peerColorSchema } from '../protocol/awareness';
import { getFile } from './doc-model';

/**
 * Spark's proposals, kept in the shared document: `doc.getArray('proposals')`, one Y.Map per proposal
 * holding its hunks (a Y.Array of Y.Maps). A proposal is a change Spark means to make, shown to the whole
 * room as a diff over the current text before anything in the files changes. Only the server's Spark
 * writes here: the server refuses any client update that adds, changes or deletes anything under this
 * root, and people act on a proposal through AI messages the server authorises. Each hunk is anchored to
 * the file's text by Yjs relative positions, so edits elsewhere keep it in place; a hunk whose anchored
 * text no longer reads as it did when proposed is stale (a person typed inside it) and cannot be accepted.
 */

export const PROPOSALS_KEY = 'proposals';
/** Proposals kept in the document; the oldest drop off. */
export const MAX_PROPOSALS = 20;
/** Hunks of one proposal: a rewrite that changes more places than this is cut (and says so). */
export const MAX_HUNKS = 200;
/** Characters a hunk may remove or add. */
export const MAX_HUNK_CHARS = 100_000;

export const hunkStateSchema = z.enum(['pending', 'accepted', 'rejected']);
export type HunkState = z.infer<typeof hunkStateSchema>;
export const proposalStatusSchema = z.enum(['streaming', 'ready', 'stopped', 'error']);
export type ProposalStatus = z.infer<typeof proposalStatusSchema>;

/** An encoded Y.RelativePosition (base64): small, and opaque to everyone but the readers below. */
const anchorSchema = z.string().min(1).max(200);

export const hunkSchema = z.object({
  id: z.string().min(1).max(80),
  file: z.string().min(1).max(512),
  /** `replace`: `removed` between the anchors becomes `added`; `create`: a new file holding `added`. */
  kind: z.enum(['replace', 'create']),
  start: anchorSchema.nullable(),
  end: anchorSchema.nullable(),
  removed: z.string().max(MAX_HUNK_CHARS),
  /** A Y.Text in the document: it streams as the model writes. */
  added: z.string().max(MAX_HUNK_CHARS),
  state: hunkStateSchema,
  /** Who accepted or rejected it, as the room shows them. */
  decidedBy: z.string().max(40).nullable(),
});
export type Hunk = z.infer<typeof hunkSchema>;

export const proposalSchema = z.object({
  id: z.string().min(1).max(80),
  /** The asker's id as the AI channel's hello names it: the browser compares it with its own. */
  askerId: z.string().min(1).max(200),
  askerName: z.string().min(1).max(40),
  askerColor: peerColorSchema,
  /** The instruction, as the room sees it. */
  title: z.string().max(4000),
  at: z.number(),
  status: proposalStatusSchema,
  note: z.string().max(1000).nullable(),
  hunks: z.array(hunkSchema).max(MAX_HUNKS),
});
export type Proposal = z.infer<typeof proposalSchema>;

export function proposalsOf(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>(PROPOSALS_KEY);
}

/** Every proposal as plain data, oldest first; an entry or hunk that does not parse is left out. */
export function readProposals(doc: Y.Doc): Proposal[] {
  const out: Proposal[] = [];
  for (const entry of proposalsOf(doc).toArray()) {
    if (!(entry instanceof Y.Map)) continue;
    const hunks = entry.get('hunks');
    const plain = { ...entry.toJSON(), hunks: hunks instanceof Y.Array ? readHunks(hunks) : [] };
    const parsed = proposalSchema.safeParse(plain);
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

function readHunks(hunks: Y.Array<unknown>): Hunk[] {
  const out: Hunk[] = [];
  for (const hunk of hunks.toArray()) {
    if (!(hunk instanceof Y.Map)) continue;
    const parsed = hunkSchema.safeParse(hunk.toJSON());
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

/** The Y.Map of a proposal by id, for the server's writer. */
export function proposalEntry(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  for (const entry of proposalsOf(doc).toArray()) if (entry instanceof Y.Map && entry.get('id') === id) return entry;
  return null;
}

export function encodeAnchor(position: Y.RelativePosition): string {
  let binary = '';
  for (const byte of Y.encodeRelativePosition(position)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function decodeAnchor(anchor: string): Y.RelativePosition | null {
  try {
    return Y.decodeRelativePosition(Uint8Array.from(atob(anchor), (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

/**
 * Anchors for `[from, to)` of a file: the start sticks to the first character of the range and the end to
 * the last, so text typed at either edge stays outside it. An empty range (a pure insertion) is one point.
 */
export function anchorsFor(text: Y.Text, from: number, to: number): { start: string; end: string } {
  const start = encodeAnchor(Y.createRelativePositionFromTypeIndex(text, from, 0));
  return { start, end: from === to ? start : encodeAnchor(Y.createRelativePositionFromTypeIndex(text, to, -1)) };
}

/** Where a hunk sits in its file now, and whether it still reads as proposed. */
export type HunkPlace = { from: number; to: number; stale: boolean };

/**
 * A hunk resolved against the current text. A replacement is stale when the text between its anchors is
 * no longer what it removes; a creation is stale once a file of that name exists. Null when the hunk's
 * file is gone (or its anchors cannot be read): then there is nothing to show or accept.
 */
export function placeHunk(doc: Y.Doc, hunk: Pick<Hunk, 'file' | 'kind' | 'start' | 'end' | 'removed'>): HunkPlace | null {
  const text = getFile(doc, hunk.file);
  if (hunk.kind === 'create') return { from: 0, to: 0, stale: text !== undefined };
  if (!text || !hunk.start || !hunk.end) return null;
  const start = decodeAnchor(hunk.start);
  const end = decodeAnchor(hunk.end);
  if (!start || !end) return null;
  const from = Y.createAbsolutePositionFromRelativePosition(start, doc);
  const to = Y.createAbsolutePositionFromRelativePosition(end, doc);
  if (!from || !to || from.type !== text || to.type !== text) return null;
  const range = { from: from.index, to: hunk.start === hunk.end ? from.index : Math.max(from.index, to.index) };
  return { ...range, stale: text.toString().slice(range.from, range.to) !== hunk.removed };
}
