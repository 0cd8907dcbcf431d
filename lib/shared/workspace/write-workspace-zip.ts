import { zip, zipSync, type AsyncZippable, type Zippable } from 'fflate';
import type { WorkspaceFiles } from './workspace-files';

const utf8 = new TextEncoder();
// A fixed date (the zip format's earliest, 1980-01-01) so the same workspace always zips to the same bytes.
const FIXED_MTIME = new Date(1980, 0, 1);
const LEVEL = 6;

function entries(files: WorkspaceFiles): Zippable & AsyncZippable {
  const out: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const [path, text] of Object.entries(files)) out[path] = [utf8.encode(text), { mtime: FIXED_MTIME }];
  return out;
}

/** A workspace as a .zip, one deflated entry per file, paths as they are in the session. */
export function writeWorkspaceZip(files: WorkspaceFiles): Uint8Array {
  return zipSync(entries(files), { level: LEVEL });
}

/**
 * The same bytes, deflated off the calling thread (fflate's worker threads for large files): a server
 * zipping a 10 MB workspace would otherwise hold the event loop that serves every room.
 */
export function writeWorkspaceZipOffThread(files: WorkspaceFiles): Promise<Uint8Array> {
  return new Promise((resolve, reject) => zip(entries(files), { level: LEVEL }, (error, data) => (error ? reject(error) : resolve(data))));
}
