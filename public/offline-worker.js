// public/: files served as they are from the site's root: this service worker (at the root, so its scope
// is the whole site) and the run sandbox's scripts (sandbox/).
//
// The app shell, kept so a session link opens with no network: the page's HTML per address it was opened
// at, and the scripts, styles and workers it used. The document itself comes from IndexedDB (the page
// keeps it there); nothing here ever holds a token, which rides in the fragment no request carries.
'use strict';

const CACHE = 'sparkpad-shell-v1';
// Live channels and the API answer for the moment they are asked; a cached answer would be a lie.
const NEVER_CACHED = /^\/(api|yjs|socket\.io)(\/|$)|^\/_next\/webpack-hmr/;
// Build output has content hashes in its names: one copy is right forever.
const IMMUTABLE = /^\/_next\/static\//;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

/** Same-origin GETs outside the live channels: the only requests worth keeping. */
function cacheable(request) {
  if (request.method !== 'GET') return false;
  const url = new URL(request.url);
  return url.origin === self.location.origin && !NEVER_CACHED.test(url.pathname);
}

async function keep(request, response) {
  if (!response || !response.ok || response.type !== 'basic') return response;
  const cache = await caches.open(CACHE);
  await cache.put(request, response.clone());
  return response;
}

/** The network when it answers (so a new build reaches people at once), else the last kept copy. */
async function networkFirst(request) {
  try {
    return await keep(request, await fetch(request));
  } catch (error) {
    const kept = await caches.match(request, { ignoreVary: true });
    if (kept) return kept;
    throw error;
  }
}

async function cacheFirst(request) {
  const kept = await caches.match(request);
  return kept || keep(request, await fetch(request));
}

/**
 * Every worker starts from one bootstrap script whose chunk list rides in the address's fragment, which
 * cache keys ignore: a kept response would bring the address (and so the chunk list) of whichever worker
 * was kept first, and the TypeScript worker would start as the editor's. A fresh response carries no
 * address of its own, so the worker keeps the one it was asked at.
 */
function withoutAddress(response) {
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (!cacheable(request)) return;
  const path = new URL(request.url).pathname;
  const answer = IMMUTABLE.test(path) ? cacheFirst(request) : networkFirst(request);
  event.respondWith(request.destination === 'worker' ? answer.then(withoutAddress) : answer);
});

// The page lists what it loaded before this worker controlled it (its HTML, first scripts, styles);
// they are fetched again, mostly from the HTTP cache, and kept. The answer says when all are kept.
self.addEventListener('message', (event) => {
  const { data } = event;
  if (!data || data.type !== 'keep' || !Array.isArray(data.urls)) return;
  const port = event.ports[0];
  const requests = data.urls.map((url) => new Request(url, { credentials: 'same-origin' })).filter(cacheable);
  event.waitUntil(
    Promise.all(requests.map((request) => fetch(request).then((response) => keep(request, response), () => null))).then(
      (responses) => port && port.postMessage({ type: 'kept', count: responses.filter(Boolean).length }),
    ),
  );
});
