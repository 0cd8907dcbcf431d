import { inflateAtMost } from './bounded-inflate';
import type { ImportResult, WorkspaceLimits } from './import-refusals';
import { checkFileName, decodeText, isSystemClutter, type WorkspaceFiles } from './workspace-files';
import { zipEntries, ZipFormatError, type ZipEntry } from './zip-directory';

const STORED = 0;
const DEFLATE = 8;

/**
 * Reads a workspace out of a .zip under the room's limits, trusting nothing the archive says: every
 * name passes the room's path rule (so `../x`, `/etc/passwd` or `C:\x` never become a file), the count
 * stops at the limit, declared sizes are summed before anything is inflated, and each entry is inflated
 * only up to what it declared and what is left of the byte budget, in slices that leave the event loop
 * free. Directories are implied by paths.
 */
export async function readWorkspaceZip(zip: Uint8Array, limits: WorkspaceLimits): Promise<ImportResult<WorkspaceFiles>> {
  let entries: ZipEntry[];
  try {
    const listed = listEntries(zip, limits);
    if (!listed.ok) return listed;
    entries = listed.value;
  } catch (error) {
    if (error instanceof ZipFormatError || error instanceof RangeError) return { ok: false, reason: 'NOT_A_ZIP' };
    throw error;
  }
  const files: WorkspaceFiles = {};
  for (const entry of entries) {
    const bytes = await entryBytes(zip, entry);
    if (!bytes.ok) return bytes;
    const text = decodeText(bytes.value);
    if (text === null) return { ok: false, reason: 'FILE_NOT_TEXT', file: entry.name };
    files[entry.name] = text;
  }
  return { ok: true, value: files };
}

function listEntries(zip: Uint8Array, limits: WorkspaceLimits): ImportResult<ZipEntry[]> {
  const files: ZipEntry[] = [];
  const names = new Set<string>();
  let declaredBytes = 0;
  for (const entry of zipEntries(zip)) {
    if (isSystemClutter(entry.name)) continue;
    const isDirectory = entry.name.endsWith('/');
    const name = checkFileName(isDirectory ? entry.name.slice(0, -1) : entry.name);
    if (!name.ok) return { ok: false, reason: 'BAD_FILE_NAME', file: entry.name };
    if (isDirectory) continue;
    if (entry.encrypted || (entry.method !== STORED && entry.method !== DEFLATE)) return { ok: false, reason: 'NOT_A_ZIP', file: entry.name };
    if (names.has(entry.name)) return { ok: false, reason: 'DUPLICATE_FILE_NAME', file: entry.name };
    names.add(entry.name);
    if (names.size > limits.maxFiles) return { ok: false, reason: 'TOO_MANY_FILES' };
    declaredBytes += entry.declaredSize;
    if (declaredBytes > limits.maxBytes) return { ok: false, reason: 'DOCUMENT_TOO_LARGE', file: entry.name };
    files.push(entry);
  }
  return { ok: true, value: files };
}

/** The entry's real bytes, refused the moment they pass the size it declared (which fit the budget). */
async function entryBytes(zip: Uint8Array, entry: ZipEntry): Promise<ImportResult<Uint8Array>> {
  const data = zip.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  if (entry.method === STORED) {
    return data.byteLength === entry.declaredSize ? { ok: true, value: data } : { ok: false, reason: 'ZIP_SIZE_MISMATCH', file: entry.name };
  }
  const inflated = await inflateAtMost(data, entry.declaredSize);
  if (!inflated.ok) return { ok: false, reason: inflated.reason === 'TOO_LARGE' ? 'ZIP_SIZE_MISMATCH' : 'NOT_A_ZIP', file: entry.name };
  if (inflated.bytes.byteLength !== entry.declaredSize) return { ok: false, reason: 'ZIP_SIZE_MISMATCH', file: entry.name };
  return { ok: true, value: inflated.bytes };
}
