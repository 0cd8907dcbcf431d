// lib/shared/workspace/: a workspace as plain files, in and out of a session: the checks an import must
// pass (the room's file count, size and naming limits), reading a .zip under those limits without trusting
// what the archive declares, and writing one.

import { validatePath } from '../document/doc-model';
import type { ImportResult, WorkspaceLimits } from './import-refusals';

/** A workspace as files: path -> text, in the order they are listed. */
export type WorkspaceFiles = Record<string, string>;

const utf8 = new TextEncoder();

/** Bytes the text of a file takes in UTF-8, as a zip or a download holds it. */
export function textBytes(text: string): number {
  return utf8.encode(text).byteLength;
}

/** Refuses a name the room would refuse: the same `validatePath` rule, with nothing trimmed away. */
export function checkFileName(name: string): ImportResult<string> {
  const valid = validatePath(name);
  return valid.ok && valid.value === name ? { ok: true, value: name } : { ok: false, reason: 'BAD_FILE_NAME', file: name };
}

/**
 * Holds a set of files to the room's limits before anything is written: the number of files (counting
 * those the room already has), every name, and the total bytes.
 */
export function checkWorkspace(files: WorkspaceFiles, limits: WorkspaceLimits, existing: { files: number; bytes: number } = { files: 0, bytes: 0 }): ImportResult<WorkspaceFiles> {
  const names = Object.keys(files);
  if (existing.files + names.length > limits.maxFiles) return { ok: false, reason: 'TOO_MANY_FILES' };
  let bytes = existing.bytes;
  for (const name of names) {
    const valid = checkFileName(name);
    if (!valid.ok) return valid;
    bytes += textBytes(files[name]!);
    if (bytes > limits.maxBytes) return { ok: false, reason: 'DOCUMENT_TOO_LARGE', file: name };
  }
  return { ok: true, value: files };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A file's bytes as text, kept byte for byte (a BOM stays); null when they are not UTF-8. */
export function decodeText(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/** Metadata macOS adds to archives and folders: not part of anyone's workspace. */
export function isSystemClutter(name: string): boolean {
  return name.startsWith('__MACOSX/') || name === '.DS_Store' || name.endsWith('/.DS_Store');
}
