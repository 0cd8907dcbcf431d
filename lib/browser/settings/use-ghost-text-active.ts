'use client';

import { useEffect, useState } from 'react';
import { ghostTextActive } from './settings';
import { useSettingsStore } from './settings-store';

/** Whether this person wants ghost text now; turns true by itself when a snooze runs out. */
export function useGhostTextActive(): boolean {
  const mode = useSettingsStore((s) => s.ghostText);
  const until = useSettingsStore((s) => s.snoozedUntil);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (mode !== 'snoozed' || until === null) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.max(0, until - Date.now()));
    return () => clearTimeout(timer);
  }, [mode, until]);
  return ghostTextActive({ ghostText: mode, snoozedUntil: until }, Math.max(now, Date.now()));
}
