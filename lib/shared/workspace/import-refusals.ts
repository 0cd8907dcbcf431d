/**
 * Why a workspace import (a .zip, dropped files) is refused. The room's own limits keep the names the
 * websocket uses for them, so a person sees the same words whichever way the files came in.
 */
export const IMPORT_REFUSAL_MESSAGES = {
  TOO_MANY_FILES: 'More files than a session may hold.',
  DOCUMENT_TOO_LARGE: 'The files are larger than a session may hold.',
  BAD_FILE_NAME: 'A file name broke the naming rules (relative paths of letters, digits, spaces and . _ - / only).',
  DUPLICATE_FILE_NAME: 'Two files have the same name.',
  FILE_EXISTS: 'The session already has a file of that name.',
  READ_ONLY: 'A view-only link cannot add files.',
  FILE_NOT_TEXT: 'Only text files (UTF-8) can be imported.',
  NOT_A_ZIP: 'This is not a .zip archive Sparkpad can read (plain or deflated entries, no encryption).',
  ZIP_SIZE_MISMATCH: 'A file in the archive is not the size the archive says it is.',
} as const;
export type ImportRefusal = keyof typeof IMPORT_REFUSAL_MESSAGES;

/** An import's outcome: the files, or the reason and (when one file is to blame) its name. */
export type ImportResult<T> = { ok: true; value: T } | { ok: false; reason: ImportRefusal; file?: string };

/** The room limits an import is held to (server/config.ts: maxFilesPerRoom, maxDocumentBytes). */
export interface WorkspaceLimits {
  maxFiles: number;
  maxBytes: number;
}
