import * as Y from 'yjs';
import { filesOf } from '../../lib/shared/document/doc-model';
import { boundedDiff, DELETE, INSERT, type Piece } from '../ai/spark/bounded-diff';
import { writeBound } from '../ai/spark/write-bound';

/** What a restore writes with, so history counts who restored and observers can tell it apart. */
export interface RestoreOrigin {
  restore: true;
  by: string;
}

export type RestoreTarget = { kind: 'workspace' } | { kind: 'file'; path: string };

type FileStep = { path: string; kind: 'delete' } | { path: string; kind: 'create'; text: string } | { path: string; kind: 'edit'; pieces: Piece[] };

/**
 * A restore worked out before anything is written: each file's step and an upper bound of the bytes the
 * update will take, so the room's limits can be checked first and a refused restore changes nothing.
 */
export interface RestorePlan {
  steps: FileStep[];
  bytes: number;
}

/**
 * Brings the document's files back to a version's as a forward edit: each file that differs gets the
 * minimal deletes and inserts from its current text to the version's text, files the version had are
 * created again, files it did not have are deleted. Nothing is reset or replaced, so text others type
 * meanwhile (anchored to characters that stay) merges in, wherever it lands.
 */
export function planRestore(doc: Y.Doc, version: Map<string, string>, target: RestoreTarget, diffBudgetMs: number): RestorePlan {
  const files = filesOf(doc);
  const paths = target.kind === 'file' ? [target.path] : [...new Set([...version.keys(), ...files.keys()])].sort();
  const steps: FileStep[] = [];
  const inserted: string[] = [];
  let deletions = 0;
  for (const path of paths) {
    const wanted = version.get(path);
    const current = files.get(path);
    if (wanted === undefined) {
      if (current === undefined) continue;
      steps.push({ path, kind: 'delete' });
      deletions += 1;
    } else if (!(current instanceof Y.Text)) {
      steps.push({ path, kind: 'create', text: wanted });
      inserted.push(path, wanted);
    } else {
      const now = current.toString();
      if (now === wanted) continue;
      const pieces = boundedDiff(now, wanted, diffBudgetMs);
      steps.push({ path, kind: 'edit', pieces });
      for (const [op, piece] of pieces) {
        if (op === INSERT) inserted.push(piece);
        else if (op === DELETE) deletions += 1;
      }
    }
  }
  return { steps, bytes: writeBound(inserted, deletions) };
}

/** Writes a plan in one transaction, on the document it was planned on; returns the paths it changed. */
export function applyRestore(doc: Y.Doc, plan: RestorePlan, origin: RestoreOrigin): string[] {
  const files = filesOf(doc);
  doc.transact(() => {
    for (const step of plan.steps) {
      if (step.kind === 'delete') files.delete(step.path);
      else if (step.kind === 'create') files.set(step.path, new Y.Text(step.text));
      else editInPlace(files.get(step.path) as Y.Text, step.pieces);
    }
  }, origin);
  return plan.steps.map((step) => step.path);
}

function editInPlace(text: Y.Text, pieces: Piece[]): void {
  let at = 0;
  for (const [op, piece] of pieces) {
    if (op === DELETE) text.delete(at, piece.length);
    else if (op === INSERT) {
      text.insert(at, piece);
      at += piece.length;
    } else at += piece.length;
  }
}
