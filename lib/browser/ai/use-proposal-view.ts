'use client';

import { useEffect } from 'react';
import { canEdit } from '../../shared/share-token';
import type { Proposal } from '../../shared/document/proposals';
import { useSessionStore } from '../collab/session-store';
import { useEditorStore } from '../editor/editor-store';
import { useSettingsStore } from '../settings/settings-store';
import { ProposalView } from './proposal-view';
import { actOnProposal, receiveProposalMessage, useProposalRequests } from './proposal-store';
import { useSparkStore } from './spark-store';

/**
 * Draws Spark's proposals over the open file and wires their controls. Whether this person may accept or
 * reject mirrors the server's rule (the asker, or any editor when the room says so); the server checks it
 * again, so this only decides which buttons to show.
 */
export function useProposalView(): void {
  const client = useSparkStore((s) => s.client);
  const editor = useEditorStore((s) => s.editor);
  const instance = useEditorStore((s) => s.monaco);
  const binding = useEditorStore((s) => s.binding);
  const doc = useSessionStore((s) => s.client?.doc ?? null);

  useEffect(() => (client ? client.subscribe(receiveProposalMessage) : undefined), [client]);

  useEffect(() => {
    if (!editor || !instance || !binding || !doc) return;
    const canReview = (proposal: Proposal) => {
      const connection = useSparkStore.getState().connection;
      if (connection.kind !== 'ready' || !canEdit(connection.permission)) return false;
      return proposal.askerId === connection.userId || useSettingsStore.getState().room.proposalReviewers === 'editors';
    };
    const view = new ProposalView(editor, instance, binding.path, binding.text, {
      canReview,
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
