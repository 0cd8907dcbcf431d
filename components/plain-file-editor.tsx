'use client';

import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { registerPlainEditor } from '@/lib/browser/editor/plain-editor';
import { TextareaBinding } from '@/lib/browser/editor/textarea-binding';
import { markOpen } from '@/lib/browser/ui/open-timeline';

const lineCount = (text: string) => text.split('\n').length;

/**
 * The open file, editable before Monaco has loaded: a textarea bound to the file's Y.Text, laid out as
 * the static view (static-file-view.css) and Monaco lay out the text, with the line numbers beside it.
 * Monaco takes over from it once it shows the file (lib/browser/editor/plain-editor.ts).
 */
export function PlainFileEditor({ path, text }: { path: string; text: Y.Text }) {
  const textarea = useRef<HTMLTextAreaElement>(null);
  const numbers = useRef<HTMLPreElement>(null);
  const [lines, setLines] = useState(() => lineCount(text.toString()));
  useEffect(() => {
    const binding = new TextareaBinding(textarea.current!, text);
    const unregister = registerPlainEditor(path, text, binding);
    const count = () => setLines(lineCount(text.toString()));
    text.observe(count);
    count();
    markOpen('editable-plain');
    return () => {
      text.unobserve(count);
      unregister();
      binding.destroy();
    };
  }, [path, text]);
  return (
    <div className="static-file-view plain-file-editor" data-testid="plain-file-editor">
      <pre className="plain-file-numbers" ref={numbers} aria-hidden="true">
        {Array.from({ length: lines }, (_, i) => (
          <div key={i}>{i + 1}</div>
        ))}
      </pre>
      <textarea
        ref={textarea}
        className="plain-file-text"
        data-plain-editor=""
        aria-label={`${path}, editable while the editor loads`}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        autoCorrect="off"
        wrap="off"
        defaultValue={text.toString()}
        onScroll={(event) => numbers.current && (numbers.current.scrollTop = event.currentTarget.scrollTop)}
      />
    </div>
  );
}
