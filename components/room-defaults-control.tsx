'use client';

import { useState } from 'react';
import { saveRoomDefaults } from '@/lib/browser/collab/session-api';
import { useSessionStore } from '@/lib/browser/collab/session-store';
import { useSettingsStore } from '@/lib/browser/settings/settings-store';
import type { RoomDefaults } from '@/lib/shared/protocol/room-defaults';

/**
 * For the room's owner only: makes the owner's current settings the room's defaults, which every member
 * gets for each setting they have not chosen themselves. A snooze is a moment, not a default: it saves as on.
 * Who may act on Spark's proposals is saved with them, as a rule of the room.
 */
export function RoomDefaultsControl() {
  const room = useSessionStore((s) => s.room);
  const access = useSessionStore((s) => s.access);
  const settings = useSettingsStore();
  const [state, setState] = useState<{ kind: 'idle' | 'saving' | 'saved' } | { kind: 'failed'; message: string }>({ kind: 'idle' });
  const [editorsReview, setEditorsReview] = useState(settings.room.proposalReviewers === 'editors');
  if (!room || access?.kind !== 'ok' || access.permission !== 'owner') return null;
  const token = access.token;

  const save = async () => {
    setState({ kind: 'saving' });
    const defaults: RoomDefaults = {
      pin: settings.pin,
      ghostText: settings.ghostText === 'off' ? 'off' : 'on',
      theme: settings.theme,
      fontSize: settings.fontSize,
      propose: settings.propose,
      proposalReviewers: editorsReview ? 'editors' : 'asker',
    };
    const saved = await saveRoomDefaults(room, token, defaults);
    if (!saved.ok) return setState({ kind: 'failed', message: saved.message });
    settings.setRoomDefaults(saved.value);
    setState({ kind: 'saved' });
  };

  return (
    <div className="settings-group" data-testid="room-defaults">
      <span className="settings-label">Room defaults</span>
      <p className="settings-hint">
        You own this room. Members who have not chosen a setting themselves get the room’s default for it.
      </p>
      <label className="settings-option">
        <input type="checkbox" data-testid="room-proposal-reviewers" checked={editorsReview} onChange={(e) => setEditorsReview(e.currentTarget.checked)} />
        Any editor may accept or reject Spark’s proposals (otherwise only the person who asked)
      </label>
      <div className="settings-options">
        <button className="button" data-testid="save-room-defaults" disabled={state.kind === 'saving'} onClick={() => void save()}>
          Make these the room’s defaults
        </button>
      </div>
      <p className="settings-hint" role="status" data-testid="room-defaults-status">
        {state.kind === 'saved' ? 'Saved: members get these unless they chose their own.' : state.kind === 'failed' ? state.message : ''}
      </p>
    </div>
  );
}
