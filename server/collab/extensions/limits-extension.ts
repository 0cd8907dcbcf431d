import { filesOf, validatePath } from '../../../lib/shared/document/doc-model';
import type { RefusalReason } from '../../../lib/shared/protocol/refusals';
import type { Extension, HookPayloads } from '../core/hooks';
import { fileKeyChanges } from './file-keys';

export interface DocumentLimits {
  maxDocumentBytes: number;
  maxFilesPerRoom: number;
}

/**
 * Refuses client updates that would break a room's limits: the document's size, the number of files and
 * the file naming rules (the same `validatePath` the browser runs). The update is never applied, so no
 * other member ever sees it; the sender's connection is closed with the reason.
 */
export class LimitsExtension implements Extension {
  readonly name = 'limits';
  readonly priority = 5;

  constructor(private readonly limits: DocumentLimits) {}

  onBeforeUpdate({ room, update, structs }: HookPayloads['onBeforeUpdate']): RefusalReason | undefined {
    if (room.updateBytes + update.byteLength > this.limits.maxDocumentBytes) return 'DOCUMENT_TOO_LARGE';
    const { written, deleted } = fileKeyChanges(structs);
    if (written.length === 0) return undefined;
    for (const path of written) {
      const valid = validatePath(path);
      if (!valid.ok || valid.value !== path) return 'BAD_FILE_NAME';
    }
    const files = filesOf(room.doc);
    const added = new Set(written.filter((path) => !files.has(path)));
    // A rename adds one key and deletes another in the same update: it must pass at the limit.
    if (added.size > 0 && files.size + added.size - deleted.length > this.limits.maxFilesPerRoom) {
      return 'TOO_MANY_FILES';
    }
    return undefined;
  }
}
