'use client';

import { useEffect, useState } from 'react';
import { proposalsOf, readProposals, type Proposal } from '../../shared/document/proposals';
import { useSessionStore } from '../collab/session-store';

/** The room's proposals that still have a pending hunk, newest first, kept current with the document. */
export function usePendingProposals(): Proposal[] {
  const doc = useSessionStore((s) => s.client?.doc ?? null);
  const [proposals, setProposals] = useState<Proposal[]>([]);
  useEffect(() => {
    if (!doc) return setProposals([]);
    const read = () => setProposals(readProposals(doc).filter((p) => p.hunks.some((h) => h.state === 'pending')).reverse());
    const array = proposalsOf(doc);
    array.observeDeep(read);
    read();
    return () => array.unobserveDeep(read);
  }, [doc]);
  return proposals;
}
