'use client';

import { useEffect, useState } from 'react';
import { useIdentityStore } from '@/lib/browser/presence/identity-store';
import { Avatar } from './avatar';

/** This person's name as others see it; edited in place, remembered in this browser. */
export function NameEditor() {
  const user = useIdentityStore((s) => s.user);
  const rename = useIdentityStore((s) => s.rename);
  const [draft, setDraft] = useState(user?.name ?? '');
  useEffect(() => setDraft(user?.name ?? ''), [user?.name]);
  if (!user) return null;

  const commit = () => {
    if (!rename(draft)) setDraft(user.name);
  };
  return (
    <label className="name-editor" title="Your name, as others see it">
      <Avatar user={user} size={22} />
      <input
        data-testid="name-input"
        aria-label="Your name"
        value={draft}
        maxLength={40}
        spellCheck={false}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
      />
    </label>
  );
}
