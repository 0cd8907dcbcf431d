/** Where the service worker that keeps the app shell lives (public/offline-worker.js). */
export const OFFLINE_WORKER_URL = '/offline-worker.js';

export type OfflineShellState = 'unavailable' | 'keeping' | 'kept';

let state: OfflineShellState = 'unavailable';

/** Whether this page's shell is kept for opening without a network (for tests and the console). */
export function offlineShellState(): OfflineShellState {
  return state;
}

/**
 * Registers the service worker and hands it what this page loaded before the worker controlled it, so
 * the link opens with no network next time; what loads later passes through the worker and is kept as
 * it loads. Production builds only: in development the worker would serve stale hot-reloaded code.
 */
export async function keepOfflineShell(): Promise<OfflineShellState> {
  if (process.env.NODE_ENV !== 'production' || !('serviceWorker' in navigator)) return state;
  state = 'keeping';
  try {
    await navigator.serviceWorker.register(OFFLINE_WORKER_URL, { scope: '/' });
    const worker = await controllingWorker();
    const page = location.href.split('#')[0]!;
    const loaded = performance.getEntriesByType('resource').map((entry) => entry.name);
    const urls = [...new Set([page, ...loaded])].filter((url) => url.startsWith(location.origin));
    await new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      worker.postMessage({ type: 'keep', urls }, [channel.port2]);
    });
    state = 'kept';
  } catch {
    // Blocked (private mode, an insecure origin): the page works as before, online only.
    state = 'unavailable';
  }
  return state;
}

/** The worker that controls this page, once the freshly registered one has claimed it. */
function controllingWorker(): Promise<ServiceWorker> {
  const current = navigator.serviceWorker.controller;
  if (current) return Promise.resolve(current);
  return new Promise((resolve) => {
    navigator.serviceWorker.addEventListener('controllerchange', () => resolve(navigator.serviceWorker.controller!), { once: true });
  });
}
