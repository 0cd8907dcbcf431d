'use client';

import { useEffect } from 'react';
import { useEditorStore } from '../editor/editor-store';
import { attachGhostText } from './ghost-text';
import { canAskSpark, useSparkStore } from './spark-store';

/**
 * Spark's ghost text in the open file, for people with an edit link while Spark is connected. A view-only
 * link gets none: it cannot type, and its requests would cost the room's budget for nothing.
 */
export function useGhostText(): void {
  const editor = useEditorStore((s) => s.editor);
  const instance = useEditorStore((s) => s.monaco);
  const binding = useEditorStore((s) => s.binding);
  const client = useSparkStore((s) => s.client);
  const enabled = useSparkStore((s) => canAskSpark(s.connection));
  useEffect(() => {
    if (!editor || !instance || !binding || !client || !enabled) return;
    const ghostText = attachGhostText(editor, instance, binding, client);
    return () => ghostText.dispose();
  }, [editor, instance, binding, client, enabled]);
}
