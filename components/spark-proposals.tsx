'use client';

import { actOnProposal, mayReview, useProposalRequests } from '@/lib/browser/ai/proposal-store';
import { useSparkStore } from '@/lib/browser/ai/spark-store';
import { usePendingProposals } from '@/lib/browser/ai/use-proposals';
import type { Hunk } from '@/lib/shared/document/proposals';

/** A hunk as the list names it: its file and its first proposed line (or the first line it removes). */
function hunkSummary(hunk: Hunk): string {
  const firstLine = (text: string) => text.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
  const added = firstLine(hunk.added);
  return added ? `+ ${added}` : `− ${firstLine(hunk.removed)}`;
}

/**
 * The room's open proposals beside Ask Spark: what each changes (files, new files), and accept or reject
 * for each change and for all of them, for those who may. The editor draws each hunk in place, in a layer
 * screen readers and the Tab key do not reach; this list reaches every change, in files that are not open
 * and files still to be created too, from the keyboard.
 */
export function SparkProposals() {
  const proposals = usePendingProposals();
  const client = useSparkStore((s) => s.client);
  useSparkStore((s) => s.connection);
  const { notices, busy } = useProposalRequests();
  if (proposals.length === 0) return null;
  return (
    <section className="spark-proposals" aria-label="Spark’s proposals" data-testid="spark-proposals">
      <h3 className="spark-proposals-title">Proposals</h3>
      <ul>
        {proposals.map((proposal) => {
          const pending = proposal.hunks.filter((h) => h.state === 'pending');
          const files = [...new Set(pending.map((h) => (h.kind === 'create' ? `${h.file} (new)` : h.file)))];
          const reviewable = mayReview(proposal) && proposal.status !== 'streaming';
          return (
            <li key={proposal.id} data-testid="spark-proposal" data-proposal={proposal.id}>
              <p>
                <span className="spark-instruction-echo">“{proposal.title}”</span> asked by {proposal.askerName}: {pending.length}{' '}
                {pending.length === 1 ? 'change' : 'changes'} in {files.join(', ')}
                {proposal.status === 'streaming' ? ' (writing…)' : ''}
              </p>
              {proposal.note && <p className="spark-notice">{proposal.note}</p>}
              {notices[proposal.id] && <p className="spark-notice" role="alert">{notices[proposal.id]}</p>}
              {reviewable && pending.length > 1 && (
                <ul className="spark-proposal-hunks" aria-label="Changes">
                  {pending.map((hunk) => (
                    <li key={hunk.id} data-testid="spark-proposal-hunk">
                      <span className="spark-proposal-hunk-file">{hunk.kind === 'create' ? `${hunk.file} (new)` : hunk.file}</span>
                      <code className="spark-proposal-hunk-text">{hunkSummary(hunk)}</code>
                      <span className="spark-actions">
                        <button className="button" type="button" aria-label={`Accept the change in ${hunk.file}: ${hunkSummary(hunk)}`} disabled={busy[proposal.id]} onClick={() => actOnProposal(client, 'accept', proposal.id, hunk.id)}>
                          Accept
                        </button>
                        <button className="button" type="button" aria-label={`Reject the change in ${hunk.file}: ${hunkSummary(hunk)}`} disabled={busy[proposal.id]} onClick={() => actOnProposal(client, 'reject', proposal.id, hunk.id)}>
                          Reject
                        </button>
                      </span>
                    </li>
                  ))}
                </ul>
              )}
              {reviewable && (
                <div className="spark-actions">
                  <button className="button" type="button" data-testid="spark-proposal-accept" disabled={busy[proposal.id]} onClick={() => actOnProposal(client, 'accept', proposal.id, null)}>
                    Accept all
                  </button>
                  <button className="button" type="button" data-testid="spark-proposal-reject" disabled={busy[proposal.id]} onClick={() => actOnProposal(client, 'reject', proposal.id, null)}>
                    Reject all
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
