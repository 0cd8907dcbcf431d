import * as Y from 'yjs';
import { filesOf } from '../../lib/shared/document/doc-model';
import { boundedDiff, DELETE, INSERT } from '../ai/spark/bounded-diff';

/** What a restore writes with, so history counts who restored and observers can tell it apart. */
export interface RestoreOrigin {
  restore: true;
  by: string;
}

export type RestoreTarget = { kind: 'workspace' } | { kind: 'file'; path: string };

/**
 * Brings the document's files back to a version's as a forward edit, in one transaction: each file that
 * differs gets the minimal deletes and inserts from its current text to the version's text, files the
 * version had are created again, files it did not have are deleted. Nothing is reset or replaced, so text
 * others type meanwhile (anchored to characters that stay) merges in, wherever it lands. Returns the paths
 * it changed.
 */
export function restoreFiles(
  doc: Y.Doc,
  version: Map<string, string>,
  target: RestoreTarget,
  origin: RestoreOrigin,
  diffBudgetMs: number,
): string[] {
  const files = filesOf(doc);
  const paths =
    target.kind === 'file' ? [target.path] : [...new Set([...version.keys(), ...files.keys()])].sort();
  const changed: string[] = [];
  doc.transact(() => {
    for (const path of paths) {
      const wanted = version.get(path);
      const current = files.get(path);
      if (wanted === undefined) {
        if (current === undefined) continue;
        files.delete(path);
      } else if (!(current instanceof Y.Text)) {
        files.set(path, new Y.Text(wanted));
      } else if (!applyDiff(current, wanted, diffBudgetMs)) {
        continue;
      }
      changed.push(path);
    }
  }, origin);
  return changed;
}

/** Edits `text` into `wanted` in place; false when they were already equal. */
function applyDiff(text: Y.Text, wanted: string, budgetMs: number): boolean {
  const now = text.toString();
  if (now === wanted) return false;
  let at = 0;
  for (const [op, piece] of boundedDiff(now, wanted, budgetMs)) {
    if (op === DELETE) text.delete(at, piece.length);
    else if (op === INSERT) {
      text.insert(at, piece);
      at += piece.length;
    } else at += piece.length;
  }
  return true;
}
