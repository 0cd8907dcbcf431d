import type { z } from 'zod';
import { CHAT_KEY, chatMessageSchema } from './chat-log';
import { FILES_KEY } from './doc-model';
import { hunkSchema, proposalSchema, PROPOSALS_KEY } from './proposals';
import { RUNS_KEY, runRecordSchema } from './run-log';

/**
 * What a value at each place of the shared document may be: the one description of the document model.
 * The server checks every incoming write against it (a write that breaks it is refused with
 * BAD_DOCUMENT_ENTRY and never applied); readers in the browser parse with the same zod schemas.
 */
export type EntryShape =
  /** A Y.Text of plain characters: no embeds, no formatting. */
  | { kind: 'text' }
  /** A Y.Map whose every key holds the same kind of entry (the key is checked elsewhere, e.g. file names). */
  | { kind: 'map'; entry: EntryShape }
  /** A Y.Map with known keys, each with its own shape; other keys are refused. */
  | { kind: 'record'; fields: Readonly<Record<string, EntryShape>> }
  /** A Y.Array whose every element has the same shape. */
  | { kind: 'array'; entry: EntryShape }
  /** A plain JSON value stored as is, checked by its zod schema. */
  | { kind: 'json'; schema: z.ZodType };

/** A record whose fields are plain JSON values checked by their schemas, except those named as texts. */
function recordOf(shape: z.ZodObject, texts: string[], nested: Record<string, EntryShape> = {}): EntryShape {
  return {
    kind: 'record',
    fields: Object.fromEntries(
      Object.entries(shape.shape).map(([key, schema]) => [
        key,
        nested[key] ?? (texts.includes(key) ? { kind: 'text' } : { kind: 'json', schema: schema as z.ZodType }),
      ]),
    ),
  };
}

/** A chat entry: a Y.Map of plain fields, with the message text as a Y.Text (answers stream into it). */
const chatEntryShape = recordOf(chatMessageSchema, ['text']);

/** A proposal: plain fields, and its hunks as Y.Maps whose added text is a Y.Text (it streams). */
const proposalEntryShape = recordOf(proposalSchema, [], { hunks: { kind: 'array', entry: recordOf(hunkSchema, ['added']) } });

/** Every top-level structure of the document; a write to any other top-level name is refused. */
export const DOCUMENT_SHAPE: Readonly<Record<string, EntryShape>> = {
  /** path -> Y.Text */
  [FILES_KEY]: { kind: 'map', entry: { kind: 'text' } },
  /** The room's conversation with Spark. */
  [CHAT_KEY]: { kind: 'array', entry: chatEntryShape },
  /** Finished runs and their output. */
  [RUNS_KEY]: { kind: 'array', entry: { kind: 'json', schema: runRecordSchema } },
  /** Spark's proposed changes, drawn in every editor until accepted or rejected. */
  [PROPOSALS_KEY]: { kind: 'array', entry: proposalEntryShape },
};

/**
 * Top-level structures only the server writes: a client update that adds anything under one of these, or
 * deletes anything there, is refused whatever its shape (a browser must not forge or alter what Spark
 * proposes; people act on proposals through messages the server authorises).
 */
export const SERVER_WRITTEN_ROOTS: ReadonlySet<string> = new Set([PROPOSALS_KEY]);
