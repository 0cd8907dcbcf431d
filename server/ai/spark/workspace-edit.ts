/**
 * One Spark edit over several places of several files: each place (a search/replace block, or a planned
 * FileChange) is written in turn through a SpanWriter, so it streams in like any Spark edit, with the
 * room's limits asked before each write, Spark's cursor following, and a person typing inside the place
 * being written halting it. One EditRecorder covers every file, so the requester undoes it as one step.
 *
 * A block is located as soon as its SEARCH text is complete (block-planner.ts) against the file as it is
 * then, keeping clear of what this edit already wrote; one that does not match, or that the parser gives
 * up on, is reported by name and nothing of it stays in the document.
 */
import * as Y from 'yjs';
import { filesOf, getFile } from '../../../lib/shared/document/doc-model';
import type { StaleBlock } from '../../../lib/shared/protocol/ai';
import { REFUSAL_MESSAGES, type RefusalReason } from '../../../lib/shared/protocol/refusals';
import type { MemberWrite } from '../../collab/core/hooks';
import type { BlockEvent } from './blocks/block-parser';
import { locateBlock, type BlockTarget, type Claimed } from './blocks/block-planner';
import type { EditRecorder } from './edit-record';
import type { FileChange } from './file-change';
import { SpanWriter } from './span-writer';
import { writeBound } from './write-bound';

export interface WorkspaceEditDeps {
  doc: Y.Doc;
  /** The room's limits, asked before each write (undefined: admitted). */
  admit: (write: MemberWrite) => RefusalReason | undefined;
  /** Spark's cursor, where it is writing. */
  moveTo: (file: string, offset: number) => void;
  /** A person typed inside the place being written. */
  onHumanEdit: () => void;
  diffBudgetMs?: number;
}

/** A planned place held by positions that follow other changes to its file. */
export interface Pinned {
  start: Y.RelativePosition;
  end: Y.RelativePosition;
  empty: boolean;
}

/** The place being written now. */
interface Writing {
  file: string;
  block: number;
  writer: SpanWriter;
  created: boolean;
}

export class WorkspaceEdit {
  /** Blocks not applied, in the order they were found out. */
  readonly stale: StaleBlock[] = [];
  /** Places written whole. */
  applied = 0;
  private writing: Writing | null = null;
  /** What this edit wrote, per file, as positions that follow later changes: later blocks keep clear. */
  private readonly written = new Map<string, Array<{ start: Y.RelativePosition; end: Y.RelativePosition }>>();

  constructor(
    private readonly deps: WorkspaceEditDeps,
    readonly recorder: EditRecorder,
  ) {}

  /** Takes one event of the block parser; the room's refusal when a write was refused (the edit ends). */
  onBlock(event: BlockEvent): RefusalReason | undefined {
    switch (event.type) {
      case 'open':
        return undefined;
      case 'search': {
        const text = getFile(this.deps.doc, event.file)?.toString();
        return this.begin(event.file, event.block, locateBlock(event, text, this.claimed(event.file)));
      }
      case 'replace':
        return this.isWriting(event.file, event.block) ? this.write(event.replace, false) : undefined;
      case 'close':
        return this.isWriting(event.edit.file, event.edit.block) ? this.write(event.edit.replace, true) : undefined;
      case 'invalid':
        if (this.isWriting(event.file, event.block)) this.takeBack();
        this.stale.push({ file: event.file, block: event.block, reason: event.reason, message: event.message });
        return undefined;
      default:
        return event satisfies never;
    }
  }

  /** Whether a place is being written now. */
  get busy(): boolean {
    return this.writing !== null;
  }

  /** Pins each planned place to the text it names, before any of them is written. */
  pin(changes: readonly FileChange[]): Array<Pinned | null> {
    return changes.map((change) => {
      const text = getFile(this.deps.doc, change.file);
      if (change.kind !== 'replace' || !text) return null;
      const from = Math.min(change.from, text.length);
      const to = Math.min(Math.max(from, change.to), text.length);
      return { start: Y.createRelativePositionFromTypeIndex(text, from, 0), end: Y.createRelativePositionFromTypeIndex(text, to, -1), empty: from === to };
    });
  }

  /** Where a planned place is now (the same rules as a block: path, existence, overlap with this edit). */
  locatePinned(change: FileChange, block: number, pinned: Pinned | null): BlockTarget {
    const text = getFile(this.deps.doc, change.file)?.toString();
    if (change.kind === 'create') return locateBlock({ file: change.file, block, search: '' }, text, []);
    const name = `${change.file} block ${block}`;
    const from = pinned && Y.createAbsolutePositionFromRelativePosition(pinned.start, this.deps.doc)?.index;
    const end = pinned && Y.createAbsolutePositionFromRelativePosition(pinned.end, this.deps.doc)?.index;
    if (text === undefined || from == null || end == null) {
      return { kind: 'stale', stale: { file: change.file, block, reason: 'NO_SUCH_FILE', message: `${name} edits ${change.file}, which does not exist.` } };
    }
    const to = pinned!.empty ? from : Math.max(from, end);
    if (this.claimed(change.file).some((c) => from < c.to && c.from < to)) {
      return { kind: 'stale', stale: { file: change.file, block, reason: 'OVERLAPS', message: `${name} changes text an earlier place of this edit already changes.` } };
    }
    return { kind: 'replace', file: change.file, from, to };
  }

  /** Starts writing a block at its target; a stale target is reported instead. */
  begin(file: string, block: number, target: BlockTarget): RefusalReason | undefined {
    if (this.writing) this.takeBack();
    if (target.kind === 'stale') return void this.stale.push(target.stale);
    let text: Y.Text;
    let from = 0;
    let to = 0;
    if (target.kind === 'create') {
      const refused = this.deps.admit({ bytes: writeBound(['']), files: [file] });
      if (refused) {
        const message = `${file} block ${block} was refused by the room (${refused}): ${REFUSAL_MESSAGES[refused]}`;
        return void this.stale.push({ file, block, reason: 'REFUSED', message });
      }
      text = new Y.Text();
      this.deps.doc.transact(() => filesOf(this.deps.doc).set(file, text), this.recorder.origin);
    } else {
      text = getFile(this.deps.doc, file)!;
      ({ from, to } = target);
    }
    this.recorder.touch(file, target.kind === 'create');
    const admit = (bytes: number) => this.deps.admit({ bytes });
    const writer = new SpanWriter(text, from, to, this.recorder.origin, this.deps.onHumanEdit, this.deps.diffBudgetMs, admit);
    this.writing = { file, block, writer, created: target.kind === 'create' };
    this.deps.moveTo(file, from);
    return undefined;
  }

  /** The place's new text so far (`final`: all of it). */
  write(textSoFar: string, final: boolean): RefusalReason | undefined {
    const writing = this.writing;
    if (!writing) return undefined;
    const refused = writing.writer.update(textSoFar, final);
    if (refused) return refused;
    this.deps.moveTo(writing.file, writing.writer.cursor);
    if (!final) return undefined;
    this.keep(writing);
    this.applied++;
    return undefined;
  }

  /** Stops writing, leaving what was written (Stop, a person typing, the requester gone). */
  halt(): void {
    if (this.writing) this.keep(this.writing);
  }

  private keep(writing: Writing): void {
    const { from, to } = writing.writer.range;
    const text = getFile(this.deps.doc, writing.file);
    if (text) {
      const spans = this.written.get(writing.file) ?? [];
      spans.push({ start: Y.createRelativePositionFromTypeIndex(text, from, 0), end: Y.createRelativePositionFromTypeIndex(text, to, -1) });
      this.written.set(writing.file, spans);
    }
    writing.writer.dispose();
    this.writing = null;
  }

  /** A block given up half-written: what it wrote goes, so nothing of it stays. */
  private takeBack(): void {
    const writing = this.writing!;
    writing.writer.update(writing.writer.original, true);
    writing.writer.dispose();
    this.writing = null;
    if (writing.created) this.deps.doc.transact(() => filesOf(this.deps.doc).delete(writing.file), this.recorder.origin);
  }

  private isWriting(file: string, block: number): boolean {
    return this.writing?.file === file && this.writing.block === block;
  }

  /** Where this edit already wrote in `file`, in the file's current offsets. */
  private claimed(file: string): Claimed[] {
    const out: Claimed[] = [];
    for (const { start, end } of this.written.get(file) ?? []) {
      const a = Y.createAbsolutePositionFromRelativePosition(start, this.deps.doc)?.index;
      const b = Y.createAbsolutePositionFromRelativePosition(end, this.deps.doc)?.index;
      if (a !== undefined && b !== undefined) out.push({ from: a, to: Math.max(a, b) });
    }
    return out;
  }
}
