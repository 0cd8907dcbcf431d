import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TextareaBinding } from '../../lib/browser/editor/textarea-binding';
import { commonPrefixLength, commonSuffixLength } from '../../lib/shared/common-affixes';

/** The part of a textarea the binding uses: its value, selection and input events. */
class Textarea extends EventTarget {
  value = '';
  selectionStart = 0;
  selectionEnd = 0;
  selectionDirection = 'none';
  readOnly = false;
  scrollTop = 0;
  ownerDocument = { activeElement: null };
  setSelectionRange(start: number, end: number): void {
    this.selectionStart = start;
    this.selectionEnd = end;
  }
  /** What the browser does when a person's key changes the value: the new value, then an input event. */
  typeValue(value: string): void {
    this.value = value;
    this.dispatchEvent(new Event('input'));
  }
}

/** The text as a peer receives it: through an encoded update, where a lone surrogate becomes U+FFFD. */
function asPeerSees(doc: Y.Doc): string {
  const peer = new Y.Doc();
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
  return peer.getText('file').toString();
}

describe('a textarea bound to a file', () => {
  /** A textarea bound to a file holding `before`, then typed into until it reads `after`: what a peer gets. */
  function typedFromTo(before: string, after: string): string {
    const doc = new Y.Doc();
    const text = doc.getText('file');
    text.insert(0, before);
    const textarea = new Textarea();
    const binding = new TextareaBinding(textarea as unknown as HTMLTextAreaElement, text);
    textarea.typeValue(after);
    binding.destroy();
    return asPeerSees(doc);
  }

  it('writes one emoji replaced by another whole, so a peer gets the emoji and no replacement character', () => {
    expect(typedFromTo('hi 😀!', 'hi 😁!')).toBe('hi 😁!');
  });

  it('writes a peer-visible edit for a plain keystroke in the middle', () => {
    expect(typedFromTo('const a = 1;', 'const ab = 1;')).toBe('const ab = 1;');
  });
});

describe('common prefix and suffix', () => {
  it('never ends inside a surrogate pair', () => {
    // 😀 is \uD83D\uDE00 and 😁 is \uD83D\uDE01: they share the high surrogate.
    expect(commonPrefixLength('a😀', 'a😁')).toBe(1);
    // "x\uDE00b" shares only the low surrogate of 😀 before the "b".
    expect(commonSuffixLength('😀b', 'x\uDE00b', 0)).toBe(1);
  });
});
