import type * as Y from 'yjs';
import { commonPrefixLength, commonSuffixLength } from '../../shared/common-affixes';
import { trackOwnEdits, undoHistoryFor } from './undo-histories';

/** What the editor that takes over from a textarea needs to carry on where the person was. */
export interface TextareaHandover {
  /** UTF-16 offsets into the file's text, as Monaco's model counts them. */
  selectionStart: number;
  selectionEnd: number;
  /** The caret is at selectionStart, the selection's other end at selectionEnd. */
  backward: boolean;
  scrollTop: number;
  focused: boolean;
}

const INDENT = '  ';

/**
 * A plain textarea bound to a file's Y.Text, so the file can be typed into while Monaco still loads:
 * each input event becomes the Y.Text edit that turns the old value into the new one, in the same task,
 * and remote edits are written back with the caret moved past them as Monaco would. Edits go into the
 * person's own undo history of the file (undo-histories.ts), the one Monaco's binding uses next.
 * The Y.Text must not hold "\r": a textarea's value turns "\r\n" into "\n".
 */
export class TextareaBinding {
  private value: string;
  private readonly untrack: () => void;
  private readonly history: Y.UndoManager;
  private closed = false;

  constructor(
    private readonly textarea: HTMLTextAreaElement,
    private readonly text: Y.Text,
  ) {
    this.value = text.toString();
    textarea.value = this.value;
    this.history = undoHistoryFor(text);
    this.untrack = trackOwnEdits(this.history, this);
    textarea.addEventListener('input', this.onInput);
    textarea.addEventListener('keydown', this.onKeyDown);
    text.observe(this.onTextChanged);
  }

  /** Stops writing to the document and says where the caret was; the textarea is left read-only. */
  handOver(): TextareaHandover {
    const { selectionStart, selectionEnd, selectionDirection, scrollTop } = this.textarea;
    const focused = this.textarea.ownerDocument.activeElement === this.textarea;
    this.destroy();
    this.textarea.readOnly = true;
    return { selectionStart, selectionEnd, backward: selectionDirection === 'backward', scrollTop, focused };
  }

  destroy(): void {
    if (this.closed) return;
    this.closed = true;
    this.textarea.removeEventListener('input', this.onInput);
    this.textarea.removeEventListener('keydown', this.onKeyDown);
    this.text.unobserve(this.onTextChanged);
    this.untrack();
  }

  private readonly onInput = () => {
    const next = this.textarea.value;
    const previous = this.value;
    if (next === previous) return;
    const start = commonPrefixLength(previous, next);
    const end = commonSuffixLength(previous, next, start);
    this.value = next;
    this.text.doc!.transact(() => {
      const removed = previous.length - start - end;
      if (removed > 0) this.text.delete(start, removed);
      const inserted = next.slice(start, next.length - end);
      if (inserted) this.text.insert(start, inserted);
    }, this);
  };

  private readonly onKeyDown = (event: KeyboardEvent) => {
    const mod = event.ctrlKey || event.metaKey;
    const key = event.key.toLowerCase();
    if (mod && !event.altKey && (key === 'z' || key === 'y')) {
      // The textarea's own undo would replay its value, peers' edits included; the file's history holds
      // only this person's.
      event.preventDefault();
      if (key === 'y' || event.shiftKey) this.history.redo();
      else this.history.undo();
    } else if (event.key === 'Tab' && !mod && !event.altKey && !event.shiftKey) {
      // Tab indents, as in the editor, instead of moving the focus out of the file.
      event.preventDefault();
      this.textarea.setRangeText(INDENT, this.textarea.selectionStart, this.textarea.selectionEnd, 'end');
      this.onInput();
    }
  };

  private readonly onTextChanged = (event: Y.YTextEvent, transaction: Y.Transaction) => {
    if (transaction.origin === this) return;
    let { selectionStart: start, selectionEnd: end } = this.textarea;
    const direction = this.textarea.selectionDirection;
    let index = 0;
    for (const op of event.delta) {
      if (op.retain !== undefined) index += op.retain;
      else if (typeof op.insert === 'string') {
        const length = op.insert.length;
        if (index < start) start += length;
        if (index < end) end += length;
        index += length;
      } else if (op.delete !== undefined) {
        start -= Math.max(0, Math.min(op.delete, start - index));
        end -= Math.max(0, Math.min(op.delete, end - index));
      }
    }
    this.value = this.text.toString();
    this.textarea.value = this.value;
    this.textarea.setSelectionRange(start, end, direction);
  };
}
