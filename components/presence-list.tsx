'use client';

import { usePresenceStore } from '@/lib/browser/presence/presence-store';
import { useWorkspaceStore } from '@/lib/browser/workspace/workspace-store';
import { Avatar } from './avatar';

/** Who is here and in which file. Clicking someone follows them until you move yourself. */
export function PresenceList() {
  const peers = usePresenceStore((s) => s.people);
  const following = useWorkspaceStore((s) => s.following);
  const follow = useWorkspaceStore((s) => s.follow);

  return (
    <section className="panel presence-list" aria-label="People in this session">
      <header className="panel-header">
        <h2>People</h2>
        <span className="panel-count" data-testid="presence-count">{peers.length}</span>
      </header>
      <ul>
        {peers.map((peer) => {
          const isFollowed = following === peer.clientId;
          return (
            <li key={peer.clientId}>
              <button
                className={`presence-item${isFollowed ? ' is-followed' : ''}`}
                data-testid="presence-item"
                data-client-id={peer.clientId}
                data-local={peer.isLocal || undefined}
                disabled={peer.isLocal}
                title={peer.isLocal ? 'You' : isFollowed ? 'Following: click to stop' : `Follow ${peer.user.name}`}
                onClick={() => follow(isFollowed ? null : peer.clientId)}
              >
                <Avatar user={peer.user} />
                <span className="presence-text">
                  <span className="presence-name">
                    {peer.user.name}
                    {peer.isLocal && <span className="presence-tag">you</span>}
                    {peer.user.kind === 'spark' && <span className="presence-tag spark">AI</span>}
                  </span>
                  <span className="presence-file">{peer.file ?? 'no file open'}</span>
                </span>
                {isFollowed && <span className="presence-following" data-testid="following-indicator">following</span>}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
