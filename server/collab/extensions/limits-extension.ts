import * as Y from 'yjs';
import { filesOf, validatePath } from '../../../lib/shared/document/doc-model';
import type { RefusalReason } from '../../../lib/shared/protocol/refusals';
import type { Extension, HookPayloads } from '../core/hooks';
import type { Room } from '../core/room';
import { deletedFileCount, writtenFileKeys } from './file-keys';

export interface DocumentLimits {
  maxDocumentBytes: number;
  maxFilesPerRoom: number;
}

/**
 * Refuses writes that would break a room's limits: the document's size, the number of files and the file
 * naming rules (the same `validatePath` the browser runs). A client's update is never applied, so no other
 * member ever sees it, and the sender's connection is closed with the reason; a write by Spark is held to
 * the same checks before it is made, and the edit ends with the reason.
 */
export class LimitsExtension implements Extension {
  readonly name = 'limits';
  readonly priority = 5;

  constructor(private readonly limits: DocumentLimits) {}

  onBeforeUpdate({ room, update, structs }: HookPayloads['onBeforeUpdate']): RefusalReason | undefined {
    // `update` already holds what is parked, so parked bytes count too.
    if (room.updateBytes + update.byteLength > this.limits.maxDocumentBytes) return 'DOCUMENT_TOO_LARGE';
    return this.checkFiles(room, writtenFileKeys(structs), () => deletedFileCount(structs));
  }

  onBeforeWrite({ room, write }: HookPayloads['onBeforeWrite']): RefusalReason | undefined {
    if (room.updateBytes + room.parked.bytes + write.bytes > this.limits.maxDocumentBytes) return 'DOCUMENT_TOO_LARGE';
    return this.checkFiles(room, write.files ?? [], () => 0);
  }

  /** `deletedCount` is asked only for an update that adds a file: typing never pays for a look at every file. */
  private checkFiles(room: Room, written: string[], deletedCount: () => number): RefusalReason | undefined {
    if (written.length === 0) return undefined;
    for (const path of written) {
      const valid = validatePath(path);
      if (!valid.ok || valid.value !== path) return 'BAD_FILE_NAME';
    }
    const files = filesOf(room.doc) as Y.Map<unknown>;
    const added = new Set(written.filter((path) => !files.has(path)));
    // A rename adds one key and deletes another in the same update: it must pass at the limit.
    if (added.size > 0 && files.size + added.size - deletedCount() > this.limits.maxFilesPerRoom) return 'TOO_MANY_FILES';
    return undefined;
  }
}
