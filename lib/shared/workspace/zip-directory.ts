/** One entry of a zip's central directory, as the archive declares it (nothing here is trusted yet). */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate; anything else is refused. */
  method: number;
  encrypted: boolean;
  compressedSize: number;
  /** What the archive says the entry inflates to; checked against the real size while inflating. */
  declaredSize: number;
  /** Where the entry's data starts, past its local header. */
  dataOffset: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const END_RECORD_BYTES = 22;
// The end record may be followed by a comment of up to 65,535 bytes.
const MAX_COMMENT_BYTES = 0xffff;
// Zip64 marks its fields with all ones; a workspace never needs it, so such an archive is refused.
const ZIP64_U16 = 0xffff;
const ZIP64_U32 = 0xffffffff;

const nameDecoder = new TextDecoder('utf-8', { fatal: true });

/** Thrown for an archive whose structure cannot be read; the caller turns it into NOT_A_ZIP. */
export class ZipFormatError extends Error {}

/**
 * Reads a zip's central directory one entry at a time, so a caller can stop at the first entry past a
 * limit without reading the rest (an archive of 10,000 entries costs no more than the limit's worth).
 */
export function* zipEntries(zip: Uint8Array): Generator<ZipEntry> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = findEndRecord(view);
  const count = view.getUint16(end + 10, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (count === ZIP64_U16 || directoryOffset === ZIP64_U32) throw new ZipFormatError('zip64 archives are not read');
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    need(view, at, 46);
    if (view.getUint32(at, true) !== DIRECTORY_ENTRY) throw new ZipFormatError('broken central directory');
    const flags = view.getUint16(at + 8, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const compressedSize = view.getUint32(at + 20, true);
    const declaredSize = view.getUint32(at + 24, true);
    const localOffset = view.getUint32(at + 42, true);
    if (compressedSize === ZIP64_U32 || declaredSize === ZIP64_U32 || localOffset === ZIP64_U32) {
      throw new ZipFormatError('zip64 entries are not read');
    }
    need(view, at + 46, nameLength);
    const name = decodeName(zip.subarray(at + 46, at + 46 + nameLength));
    yield {
      name,
      method: view.getUint16(at + 10, true),
      encrypted: (flags & 1) === 1,
      compressedSize,
      declaredSize,
      dataOffset: dataOffsetOf(view, localOffset, compressedSize),
    };
    at += 46 + nameLength + extraLength + commentLength;
  }
}

function findEndRecord(view: DataView): number {
  const lowest = Math.max(0, view.byteLength - END_RECORD_BYTES - MAX_COMMENT_BYTES);
  for (let at = view.byteLength - END_RECORD_BYTES; at >= lowest; at--) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) return at;
  }
  throw new ZipFormatError('no end of central directory');
}

/** The local header repeats the name with its own extra field; the data follows it. */
function dataOffsetOf(view: DataView, localOffset: number, compressedSize: number): number {
  need(view, localOffset, 30);
  if (view.getUint32(localOffset, true) !== LOCAL_HEADER) throw new ZipFormatError('broken local header');
  const start = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
  need(view, start, compressedSize);
  return start;
}

function need(view: DataView, at: number, bytes: number): void {
  if (at < 0 || at + bytes > view.byteLength) throw new ZipFormatError('archive ends early');
}

/** Names that are not UTF-8 (old tools write code page 437) become a name no path rule accepts. */
function decodeName(bytes: Uint8Array): string {
  try {
    return nameDecoder.decode(bytes);
  } catch {
    return '\u0000';
  }
}
