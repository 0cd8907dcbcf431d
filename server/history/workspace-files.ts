import * as Y from 'yjs';
import { fileTexts } from '../../lib/shared/document/doc-model';

/** Every file of a version, read from its encoded state in a scratch document. */
export function filesOfState(state: Uint8Array): Map<string, string> {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return fileTexts(doc);
  } finally {
    doc.destroy();
  }
}
