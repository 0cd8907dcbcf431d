'use client';

import { useEffect } from 'react';
import { useEditorStore } from '../editor/editor-store';
import { receiveCodeActions } from './code-actions-store';
import { aimSpark, receiveEditMessage, resetAskSpark, sparkDisconnected, stopSpark, useAskSparkStore } from './ask-spark-store';
import { sparkTarget } from './spark-target';
import { useSparkStore } from './spark-store';

/**
 * Ask Spark's wiring: edit messages into the store, and the editor keys. Ctrl/Cmd+K is taken before
 * Monaco sees it (Monaco would start a key chord with it); Esc stops a running edit.
 */
export function useAskSpark(): void {
  const client = useSparkStore((s) => s.client);
  const editor = useEditorStore((s) => s.editor);
  const binding = useEditorStore((s) => s.binding);

  useEffect(() => {
    if (!client) return;
    resetAskSpark();
    const unsubscribe = client.subscribe(receiveEditMessage);
    const offActions = client.subscribe(receiveCodeActions);
    const offConnection = client.onConnection((connection) => connection.kind !== 'ready' && sparkDisconnected());
    return () => {
      offConnection();
      offActions();
      unsubscribe();
    };
  }, [client]);

  useEffect(() => {
    const root = editor?.getDomNode();
    if (!editor || !root || !binding) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const command = event.ctrlKey || event.metaKey;
      if (command && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        event.stopPropagation();
        const target = sparkTarget(editor, binding.path);
        if (target) aimSpark(target);
      } else if (event.key === 'Escape' && useAskSparkStore.getState().phase.kind === 'working') {
        stopSpark(useSparkStore.getState().client);
      }
    };
    root.addEventListener('keydown', onKeyDown, { capture: true });
    return () => root.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [editor, binding]);
}
