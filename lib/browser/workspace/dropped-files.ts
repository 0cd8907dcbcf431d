/** A file someone dropped or picked, with its path relative to what they dropped. */
export interface PickedFile {
  path: string;
  file: File;
}

/**
 * The files in a drop, folders walked to the bottom. A dropped folder's own name is kept as the first
 * segment of each path, as a file manager would show the copy; on the landing page, a single dropped
 * folder is the workspace itself (see `withoutCommonFolder`).
 */
export async function droppedFiles(transfer: DataTransfer): Promise<PickedFile[]> {
  // Entries must be taken synchronously, while the drop event is being handled.
  const entries = [...transfer.items].map((item) => item.webkitGetAsEntry()).filter((entry): entry is FileSystemEntry => entry !== null);
  if (entries.length === 0) return [...transfer.files].map((file) => ({ path: file.name, file }));
  const found: PickedFile[] = [];
  for (const entry of entries) await walk(entry, '', found);
  return found;
}

/** Files from an `<input type="file">`, with folder paths when it picked a folder. */
export function pickedFiles(list: FileList): PickedFile[] {
  return [...list].map((file) => ({ path: file.webkitRelativePath || file.name, file }));
}

/** Drops the folder every path starts with, so a dropped project folder becomes the workspace's root. */
export function withoutCommonFolder(files: PickedFile[]): PickedFile[] {
  const first = files[0]?.path.split('/')[0];
  if (!first || !files.every((f) => f.path.startsWith(`${first}/`))) return files;
  return files.map((f) => ({ ...f, path: f.path.slice(first.length + 1) }));
}

async function walk(entry: FileSystemEntry, parent: string, found: PickedFile[]): Promise<void> {
  const path = parent ? `${parent}/${entry.name}` : entry.name;
  if (isFile(entry)) {
    found.push({ path, file: await new Promise<File>((resolve, reject) => entry.file(resolve, reject)) });
    return;
  }
  if (!isDirectory(entry)) return;
  const reader = entry.createReader();
  // readEntries answers in batches (100 in Chromium) until it answers an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return;
    for (const child of batch) await walk(child, path, found);
  }
}

const isFile = (entry: FileSystemEntry): entry is FileSystemFileEntry => entry.isFile;
const isDirectory = (entry: FileSystemEntry): entry is FileSystemDirectoryEntry => entry.isDirectory;
