'use client';

import { useEffect } from 'react';
import { keepOfflineShell } from './offline-shell';

/** Keeps the app shell for offline use once the page has loaded, off the path of opening the session. */
export function useOfflineShell(): void {
  useEffect(() => {
    const start = () => void keepOfflineShell();
    if (document.readyState === 'complete') start();
    else window.addEventListener('load', start, { once: true });
    return () => window.removeEventListener('load', start);
  }, []);
}
