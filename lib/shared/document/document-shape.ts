import type { z } from 'zod';
import { CHAT_KEY, chatMessageSchema } from './chat-log';
import { FILES_KEY } from './doc-model';
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

/** A chat entry: a Y.Map of plain fields, with the message text as a Y.Text (answers stream into it). */
const chatEntryShape: EntryShape = {
  kind: 'record',
  fields: Object.fromEntries(
    Object.entries(chatMessageSchema.shape).map(([key, schema]) => [key, key === 'text' ? { kind: 'text' } : { kind: 'json', schema }]),
  ),
};

/** Every top-level structure of the document; a write to any other top-level name is refused. */
export const DOCUMENT_SHAPE: Readonly<Record<string, EntryShape>> = {
  /** path -> Y.Text */
  [FILES_KEY]: { kind: 'map', entry: { kind: 'text' } },
  /** The room's conversation with Spark. */
  [CHAT_KEY]: { kind: 'array', entry: chatEntryShape },
  /** Finished runs and their output. */
  [RUNS_KEY]: { kind: 'array', entry: { kind: 'json', schema: runRecordSchema } },
};
