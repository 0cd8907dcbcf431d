'use client';

import { useEffect } from 'react';
import { useEditorStore } from '../editor/editor-store';
import { attachNextEdit } from './next-edit';
import { refusedClaim, setFollowUps } from './next-edit-store';
import { canAskSpark, useSparkStore } from './spark-store';

/**
 * Next-edit suggestions: the room's follow-ups kept in their store for as long as Spark is connected,
 * and the hint in the open file for people who can edit (a viewer cannot apply one, so sees none).
 */
export function useNextEdit(): void {
  const editor = useEditorStore((s) => s.editor);
  const instance = useEditorStore((s) => s.monaco);
  const binding = useEditorStore((s) => s.binding);
  const client = useSparkStore((s) => s.client);
  const connection = useSparkStore((s) => s.connection);
  const me = connection.kind === 'ready' && canAskSpark(connection) ? connection.userId : null;

  useEffect(() => {
    if (!client) return;
    return client.subscribe((message) => {
      if (message.type === 'next-edit:list') setFollowUps(message.followUps);
      if (message.type === 'next-edit:refused') refusedClaim(message.followUp);
    });
  }, [client]);

  useEffect(() => {
    if (!editor || !instance || !binding || !client || !me) return;
    const nextEdit = attachNextEdit(editor, instance, binding, client, me);
    return () => nextEdit.dispose();
  }, [editor, instance, binding, client, me]);
}
