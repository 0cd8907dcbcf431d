import { zipSync } from 'fflate';
import type { WorkspaceFiles } from './workspace-files';

const utf8 = new TextEncoder();
// A fixed date (the zip format's earliest, 1980-01-01) so the same workspace always zips to the same bytes.
const FIXED_MTIME = new Date(1980, 0, 1);

/** A workspace as a .zip, one deflated entry per file, paths as they are in the session. */
export function writeWorkspaceZip(files: WorkspaceFiles): Uint8Array {
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const [path, text] of Object.entries(files)) entries[path] = [utf8.encode(text), { mtime: FIXED_MTIME }];
  return zipSync(entries, { level: 6 });
}
