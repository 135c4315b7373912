// Keeps the ticket page for when the phone has no network at the fair:
// registers the service worker and stores this page and what it loaded.
// (The door scanner does the same from its wasm, app/src/checkin/door.js.)
(function () {
  if (!("serviceWorker" in navigator) || !("caches" in window)) return;
  function store() {
    return navigator.serviceWorker
      .register("/sw.js")
      .then(function () {
        return navigator.serviceWorker.ready;
      })
      .then(function () {
        var assets = performance
          .getEntriesByType("resource")
          .map(function (entry) { return new URL(entry.name); })
          .filter(function (url) {
            return url.origin === location.origin && (url.pathname.indexOf("/pkg/") === 0 || url.pathname === "/ticket-offline.js" || url.pathname === "/favicon.svg");
          })
          .map(function (url) { return url.pathname; });
        // Preloaded files can be listed twice, and addAll refuses duplicates.
        var unique = [location.pathname].concat(assets).filter(function (path, i, all) {
          return all.indexOf(path) === i;
        });
        return caches.open("jobfair-tickets-v1").then(function (cache) {
          return cache.addAll(unique);
        });
      })
      .then(function () {
        document.documentElement.setAttribute("data-offline-ready", "true");
      });
  }
  // A phone's network drops out now and then: try again a few times
  // before giving up (offline use is a bonus; the page works without).
  function attempt(left) {
    store().catch(function () {
      if (left > 0) setTimeout(function () { attempt(left - 1); }, 2000);
    });
  }
  attempt(3);
})();
