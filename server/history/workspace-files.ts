import * as Y from 'yjs';
import { filesOf } from '../../lib/shared/document/doc-model';

/** Every file of a document as plain text, by path. */
export function filesOfDoc(doc: Y.Doc): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, text] of filesOf(doc).entries()) if (text instanceof Y.Text) out.set(path, text.toString());
  return out;
}

/** Every file of a version, read from its encoded state in a scratch document. */
export function filesOfState(state: Uint8Array): Map<string, string> {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return filesOfDoc(doc);
  } finally {
    doc.destroy();
  }
}
