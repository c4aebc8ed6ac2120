// Cross-origin isolation for static hosts that cannot send headers.
//
// SharedArrayBuffer (and so wasm threads) needs the page to be cross-origin isolated: its
// response must carry `Cross-Origin-Opener-Policy: same-origin` and
// `Cross-Origin-Embedder-Policy: require-corp`. `trunk serve` and a configured server send them.
// Where the host cannot, app.js registers this service worker, whose scope is this folder; it
// fetches every request of the demo's pages and hands back the same response with those two
// headers added, and app.js reloads once so the page itself arrives through it.
//
// Only same-origin requests are rewritten; everything else passes through untouched.

const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  // Lets this page's own subresources load under require-corp even if the host sets CORP.
  'Cross-Origin-Resource-Policy': 'same-origin',
};

self.addEventListener('install', () => self.skipWaiting());

// Take control of the open page at once, so its reload goes through this worker.
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (new URL(request.url).origin !== self.location.origin) return;
  // A Chrome quirk: devtools' "only-if-cached" requests fail unless their mode is same-origin.
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  event.respondWith(withIsolation(request));
});

async function withIsolation(request) {
  const response = await fetch(request);
  // Opaque or error responses cannot be rewritten (and need not be).
  if (response.status === 0 || response.type === 'opaqueredirect') return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
