import { z } from 'zod';
import { awarenessUserSchema } from './awareness';

/**
 * The history HTTP API (server/http/history-api.ts): a session's versions, one version's files, saving a
 * version and restoring one. One schema for server, browser and tests.
 */

/** Why a version was taken: after a stretch of editing, before a Spark edit, on request, before a restore. */
export const VERSION_KINDS = ['auto', 'checkpoint', 'manual', 'restore'] as const;
export const versionKindSchema = z.enum(VERSION_KINDS);
export type VersionKind = z.infer<typeof versionKindSchema>;

export const MAX_VERSION_LABEL_CHARS = 200;

export const versionMetaSchema = z.object({
  id: z.string(),
  /** When it was taken, ms since epoch. */
  at: z.number(),
  kind: versionKindSchema,
  label: z.string(),
  /** Who took part since the version before it: people's names and Spark. */
  by: z.array(z.string()),
});
export type VersionMeta = z.infer<typeof versionMetaSchema>;

/** `GET /api/sessions/<room>/history`: newest first. */
export const versionListSchema = z.object({ versions: z.array(versionMetaSchema) });

/** `GET /api/sessions/<room>/history/<id>`: the whole workspace as it was. */
export const versionFilesSchema = z.object({
  id: z.string(),
  at: z.number(),
  files: z.record(z.string(), z.string()),
});
export type VersionFiles = z.infer<typeof versionFilesSchema>;

/**
 * `GET /api/sessions/<room>/writers`: who each Yjs client id that wrote in the room is, so each line of
 * the text now can be shown with its writer's name and colour (lib/shared/document/line-writers.ts).
 */
export const writersSchema = z.object({
  writers: z.record(z.string(), awarenessUserSchema.pick({ name: true, color: true, kind: true })),
});
export type RoomWriters = z.infer<typeof writersSchema>['writers'];

/** The browser's signed identity (from `POST …/identity`), so the version credits the person by name. */
const identityField = z.string().max(512).optional();

/** `POST /api/sessions/<room>/versions` asks with `{ label }` and gets `{ id }`. */
export const saveVersionRequestSchema = z.object({
  label: z.string().trim().max(MAX_VERSION_LABEL_CHARS).default(''),
  identity: identityField,
});
export const savedVersionSchema = z.object({ id: z.string() });

/** `POST /api/sessions/<room>/history/<id>/restore` with `{ file? }`: the whole workspace, or one file. */
export const restoreRequestSchema = z.object({ file: z.string().min(1).max(512).optional(), identity: identityField });

/** Refusals only the history API gives; the others are the websocket's (refusals.ts). */
export const HISTORY_REFUSAL = {
  VERSION_NOT_FOUND: 'That version does not exist (or retention removed it).',
  FILE_NOT_FOUND: 'That file is neither in the version nor in the session now.',
  READ_ONLY: 'A view-only link can browse history; restoring and saving need the edit link.',
  TOO_MANY_FILES: 'Restoring that would give the session more files than it may hold.',
  DOCUMENT_TOO_LARGE: 'Restoring that would make the session larger than it may be.',
  INVALID_MESSAGE: 'The request body does not fit this route.',
} as const;
export type HistoryRefusal = keyof typeof HISTORY_REFUSAL;
