'use client';

import type { ReactNode } from 'react';
import { applyAsEdit, insertAtCursor } from '@/lib/browser/ai/chat-store';
import { sparkTarget } from '@/lib/browser/ai/spark-target';
import { useSparkStore } from '@/lib/browser/ai/spark-store';
import { useEditorStore } from '@/lib/browser/editor/editor-store';
import { useWorkspaceStore } from '@/lib/browser/workspace/workspace-store';
import { useSettingsStore } from '@/lib/browser/settings/settings-store';
import { proposes } from '@/lib/browser/settings/settings';

/** A code block's text without the newline Markdown ends every block with: the selection keeps its own. */
function trimmed(code: string): string {
  return code.replace(/\n$/, '');
}

/**
 * A code block in Spark's answer, with what can be done with it: insert it at this person's cursor (their
 * own edit, like pasting), or Apply: Spark puts it over their selection — or the cursor's line — through
 * the Ask Spark edit path, proposed to the room first when this person's setting says so for its size.
 */
export function ChatCodeBlock({ code, language, actions, children }: { code: string; language: string | null; actions: boolean; children: ReactNode }) {
  const spark = useSparkStore((s) => s.client);
  const openFile = useWorkspaceStore((s) => s.openFile);
  const editor = useEditorStore((s) => s.editor);
  const usable = actions && editor !== null && openFile !== null;

  const insert = () => {
    if (editor) insertAtCursor(editor, trimmed(code));
  };
  const propose = useSettingsStore((s) => s.propose);
  const apply = () => {
    const target = editor && openFile ? sparkTarget(editor, openFile) : null;
    // Proposed first by the same rule as Ask Spark's rewrites: by the lines it replaces or writes.
    const lines = Math.max(trimmed(code).split('\n').length, target?.lines ?? 1);
    if (target) applyAsEdit(spark, target, trimmed(code), proposes(propose, lines));
  };

  return (
    <div className="chat-code" data-testid="chat-code" data-language={language ?? undefined}>
      {children}
      {usable && (
        <div className="chat-code-actions">
          <button type="button" className="button" data-testid="chat-insert" onClick={insert} title="Insert into the file at your cursor">
            Insert at cursor
          </button>
          <button type="button" className="button" data-testid="chat-apply" onClick={apply} title="Spark puts this over your selection (or your cursor’s line), as a proposal to the room when it is large">
            Apply
          </button>
        </div>
      )}
    </div>
  );
}
