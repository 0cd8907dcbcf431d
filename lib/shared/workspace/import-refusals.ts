/**
 * Why a workspace import (a .zip, dropped files) is refused. The room's own limits keep the names the
 * websocket uses for them, so a person sees the same words whichever way the files came in.
 */
export const IMPORT_REFUSAL = {
  TOO_MANY_FILES: 'TOO_MANY_FILES',
  DOCUMENT_TOO_LARGE: 'DOCUMENT_TOO_LARGE',
  BAD_FILE_NAME: 'BAD_FILE_NAME',
  DUPLICATE_FILE_NAME: 'DUPLICATE_FILE_NAME',
  FILE_EXISTS: 'FILE_EXISTS',
  READ_ONLY: 'READ_ONLY',
  FILE_NOT_TEXT: 'FILE_NOT_TEXT',
  NOT_A_ZIP: 'NOT_A_ZIP',
  ZIP_SIZE_MISMATCH: 'ZIP_SIZE_MISMATCH',
} as const;
export type ImportRefusal = keyof typeof IMPORT_REFUSAL;

export const IMPORT_REFUSAL_MESSAGES: Record<ImportRefusal, string> = {
  TOO_MANY_FILES: 'More files than a session may hold.',
  DOCUMENT_TOO_LARGE: 'The files are larger than a session may hold.',
  BAD_FILE_NAME: 'A file name broke the naming rules (relative paths of letters, digits, spaces and . _ - / only).',
  DUPLICATE_FILE_NAME: 'Two files have the same name.',
  FILE_EXISTS: 'The session already has a file of that name.',
  READ_ONLY: 'A view-only link cannot add files.',
  FILE_NOT_TEXT: 'Only text files (UTF-8) can be imported.',
  NOT_A_ZIP: 'This is not a .zip archive Sparkpad can read (plain or deflated entries, no encryption).',
  ZIP_SIZE_MISMATCH: 'A file in the archive is not the size the archive says it is.',
};

/** An import's outcome: the files, or the reason and (when one file is to blame) its name. */
export type ImportResult<T> = { ok: true; value: T } | { ok: false; reason: ImportRefusal; file?: string };

/** The room limits an import is held to (server/config.ts: maxFilesPerRoom, maxDocumentBytes). */
export interface WorkspaceLimits {
  maxFiles: number;
  maxBytes: number;
}
