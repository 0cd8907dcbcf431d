'use client';

import { useEffect } from 'react';
import { useEditorStore } from '../editor/editor-store';
import { useGhostTextActive } from '../settings/use-ghost-text-active';
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
  const connected = useSparkStore((s) => canAskSpark(s.connection));
  // Off or snoozed in this person's settings: no provider, so no completion request leaves the page.
  const wanted = useGhostTextActive();
  const enabled = connected && wanted;
  useEffect(() => {
    if (!editor || !instance || !binding || !client || !enabled) return;
    const ghostText = attachGhostText(editor, instance, binding, client);
    return () => ghostText.dispose();
  }, [editor, instance, binding, client, enabled]);
}
