/* Wspólnie service worker (docs/decisions/0110), rendered by backend/common/pwa.py.
   Static files: cache first when their names are hashed (production), else network first.
   /scan and the hand-over pages: network first, the last good copy when offline.
   Never cached: POSTs, JSON lists (no-store, personal), anything else. */
"use strict";
var VERSION = "{{ version }}";
var SHELL_CACHE = "shell-" + VERSION;
var STATIC_CACHE = "static-v1";
var PAGE_CACHE = "pages-v1";
var SHELL = {{ shell|safe }};
var STATIC_URL = {{ static_url|safe }};
var PAGES = new RegExp({{ pages|safe }});
var IMMUTABLE = {{ immutable|safe }};

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(SHELL_CACHE).then(function (cache) {
    return cache.addAll(SHELL);
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) {
      return key.indexOf("shell-") === 0 && key !== SHELL_CACHE;
    }).map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.clients.claim(); }));
});

function fromCache(request, options) {
  return caches.match(request, options).then(function (hit) {
    return hit || Promise.reject(new Error("offline and not cached"));
  });
}

function networkFirst(request, cacheName, options) {
  return fetch(request).then(function (response) {
    if (response.ok && !response.redirected) {
      var copy = response.clone();
      caches.open(cacheName).then(function (cache) { cache.put(request, copy); });
    }
    return response;
  }).catch(function () { return fromCache(request, options); });
}

function cacheFirst(request) {
  return caches.match(request).then(function (hit) {
    return hit || fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(STATIC_CACHE).then(function (cache) { cache.put(request, copy); });
      }
      return response;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.indexOf(STATIC_URL) === 0) {
    event.respondWith(IMMUTABLE ? cacheFirst(request) : networkFirst(request, STATIC_CACHE));
  } else if (request.mode === "navigate" && PAGES.test(url.pathname)) {
    event.respondWith(networkFirst(request, PAGE_CACHE, {ignoreSearch: true, ignoreVary: true}));
  }
});

// Log-out (js/pwa.js) asks to forget the cached pages.
self.addEventListener("message", function (event) {
  if (event.data === "logout") event.waitUntil(caches.delete(PAGE_CACHE));
});
