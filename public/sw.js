// Service worker of Jobfair: ticket pages and the door scanner (and the
// files they need) come from the network when there is one, and from the
// cache when there is not, so a ticket opened once still shows at a door
// without Wi-Fi, and the scanner still opens there (its door list and
// queue are in IndexedDB).
var CACHE = "jobfair-tickets-v1";

self.addEventListener("install", function () {
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(self.clients.claim());
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  var ticket = (url.pathname.indexOf("/tickets/") === 0 && url.pathname.indexOf(".ics") < 0) ||
    url.pathname.indexOf("/door/") === 0;
  var asset = url.pathname.indexOf("/pkg/") === 0 || url.pathname === "/ticket-offline.js" || url.pathname === "/favicon.svg";
  if (!ticket && !asset) return;
  event.respondWith(
    fetch(request)
      .then(function (response) {
        if (response.ok) {
          var copy = response.clone();
          caches.open(CACHE).then(function (cache) {
            cache.put(url.pathname, copy);
          });
        }
        return response;
      })
      .catch(function () {
        return caches.match(url.pathname).then(function (hit) {
          return hit || Response.error();
        });
      })
  );
});
