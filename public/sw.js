// werkstadt service worker. One release = one cache holding the whole app shell, so the js
// glue and the wasm of two releases are never mixed. `cargo xtask dist` fills in the release
// id and the precache list.
'use strict';

const RELEASE = '__RELEASE__';
const PRECACHE = __PRECACHE__;
// The staff app (/moderation) of the same release: cached as one set on a staff member's
// first visit, never on citizens' phones.
const STAFF = __STAFF__;
const CACHE = 'werkstadt-' + RELEASE;

self.addEventListener('install', (event) => {
  // Take the whole set or nothing; do not activate by ourselves: the app asks the user first.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('werkstadt-') && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
  if (event.data && event.data.type === 'CACHE_STAFF') {
    event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(STAFF)).catch(() => {}));
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // Only our own GETs; the API always goes to the network (the app keeps its own replica).
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname === '/sw.js') return;

  if (request.mode === 'navigate' && /^\/moderation(\/|$)/.test(url.pathname)) {
    // Staff pages: this release's staff set once the staff app asked for it (CACHE_STAFF).
    event.respondWith((async () => {
      const cache = await caches.open(CACHE);
      const cached = await cache.match('/moderation.html');
      if (cached) return cached;
      return fetch(request);
    })());
    return;
  }
  if (request.mode === 'navigate') {
    // Every citizen route is the same shell: this release's index.html; a static page of the
    // release (the privacy page) is itself.
    const page = PRECACHE.includes(url.pathname) ? url.pathname : '/index.html';
    event.respondWith((async () => {
      const cache = await caches.open(CACHE);
      return (await cache.match(page)) || fetch(request);
    })());
    return;
  }
  // Hashed assets and icons: cache first, network as the fallback.
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    return (await cache.match(request)) || fetch(request);
  })());
});
