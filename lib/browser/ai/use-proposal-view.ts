'use client';

import { useEffect } from 'react';
import { useSessionStore } from '../collab/session-store';
import { useEditorStore } from '../editor/editor-store';
import { useSettingsStore } from '../settings/settings-store';
import { ProposalView } from './proposal-view';
import { actOnProposal, mayReview, receiveProposalMessage, useProposalRequests } from './proposal-store';
import { useSparkStore } from './spark-store';

/** Draws Spark's proposals over the open file and wires their controls (shown to those who may review). */
export function useProposalView(): void {
  const client = useSparkStore((s) => s.client);
  const editor = useEditorStore((s) => s.editor);
  const instance = useEditorStore((s) => s.monaco);
  const binding = useEditorStore((s) => s.binding);
  const doc = useSessionStore((s) => s.client?.doc ?? null);

  useEffect(() => (client ? client.subscribe(receiveProposalMessage) : undefined), [client]);

  useEffect(() => {
    if (!editor || !instance || !binding || !doc) return;
    const view = new ProposalView(editor, instance, binding.path, binding.text, {
      canReview: mayReview,
      act: (action, proposal, hunk) => actOnProposal(useSparkStore.getState().client, action, proposal, hunk),
      notice: (proposal) => useProposalRequests.getState().notices[proposal] ?? null,
      busy: (proposal) => useProposalRequests.getState().busy[proposal] === true,
    });
    const offRequests = useProposalRequests.subscribe(() => view.refresh());
    const offConnection = useSparkStore.subscribe((s, prev) => s.connection !== prev.connection && view.refresh());
    const offRoom = useSettingsStore.subscribe((s, prev) => s.room !== prev.room && view.refresh());
    return () => {
      offRoom();
      offConnection();
      offRequests();
      view.dispose();
    };
  }, [editor, instance, binding, doc]);
}
