'use client';

import { useEffect, useState } from 'react';
import type { Theme } from './settings';
import { useSettingsStore } from './settings-store';

export type AppliedTheme = 'light' | 'dark';

const DARK_QUERY = '(prefers-color-scheme: dark)';

export function resolveTheme(theme: Theme, systemPrefersDark: boolean): AppliedTheme {
  if (theme === 'system') return systemPrefersDark ? 'dark' : 'light';
  return theme;
}

/**
 * The theme in effect, following the system's while the setting says "system", written to
 * `<html data-theme>` where the page's colours (app/globals.css) read it. The same attribute is set
 * before the first paint by the script in app/layout.tsx, so a light page never flashes dark.
 */
export function useAppliedTheme(): AppliedTheme {
  const theme = useSettingsStore((s) => s.theme);
  const [prefersDark, setPrefersDark] = useState(() => typeof window === 'undefined' || window.matchMedia(DARK_QUERY).matches);
  useEffect(() => {
    const query = window.matchMedia(DARK_QUERY);
    const onChange = () => setPrefersDark(query.matches);
    onChange();
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  const applied = resolveTheme(theme, prefersDark);
  useEffect(() => {
    document.documentElement.dataset.theme = applied;
    document.documentElement.style.colorScheme = applied;
  }, [applied]);
  return applied;
}
