// cardcap's service worker (served as /sw.js; the server puts `const VERSION = "..."` above this).
// - The Scan page, its script, style and icons are kept, so the app opens without the server and
//   can still take photos; other pages say they need the connection.
// - Photos taken meanwhile wait in the outbox (outbox.js); the page sends them when it can, and so
//   does this worker when the browser reports the network back ("sync"), even with the page closed.
// Uploads, forms and the API always go to the network, untouched.
/* global VERSION, CardcapOutbox */
"use strict";
importScripts("/static/outbox.js");

const CACHE = "cardcap-" + VERSION;
const SHELL = ["/", "/static/app.css", "/static/outbox.js", "/static/scan.js", "/static/offline.html",
  "/manifest.webmanifest", "/icons/icon-192.png", "/favicon.ico"];
const KEPT = /^\/(static\/|icons\/|manifest\.webmanifest$|favicon\.ico$)/;

function keep(cache, url) {
  // "/" is kept only as the logged-in Scan page, never as a redirect to the login page
  return fetch(url, { credentials: "same-origin", redirect: "manual" })
    .then(function (response) { if (response.ok && response.type === "basic") return cache.put(url, response); })
    .catch(function () { /* kept at the next visit */ });
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE)
    .then(function (cache) { return Promise.all(SHELL.map(function (url) { return keep(cache, url); })); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name.indexOf("cardcap-") === 0 && name !== CACHE; })
      .map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

async function page(request, url) {
  try {
    const response = await fetch(request);
    if (url.pathname === "/" && response.ok && !response.redirected) {
      const cache = await caches.open(CACHE);
      await cache.put("/", response.clone());
    }
    return response;
  } catch (unreachable) {
    const cache = await caches.open(CACHE);
    const kept = url.pathname === "/" ? await cache.match("/") : undefined;
    return kept || (await cache.match("/static/offline.html")) || Response.error();
  }
}

async function kept(request) {
  const cache = await caches.open(CACHE);
  const found = await cache.match(request, { ignoreSearch: true });
  if (found) return found;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", function (event) {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(page(request, url));
  } else if (KEPT.test(url.pathname)) {
    event.respondWith(kept(request));
  }
});

self.addEventListener("sync", function (event) {
  if (event.tag === "cardcap-outbox") {
    event.waitUntil(CardcapOutbox.drain(CardcapOutbox.fetchSend, {}).then(function (left) {
      if (left) throw new Error("photos still waiting"); // the browser tries the sync again later
    }));
  }
});
