// The outbox: photos kept in the browser (IndexedDB) until cardcap has them. Every photo chosen or
// taken on the Scan page goes here first, so none is lost when the server cannot be reached (the
// laptop asleep, another Wi-Fi); `drain` sends them in the order they were taken and forgets each
// one only once the server has answered that it keeps it. Loaded by the page and by the service
// worker (sw.js), which drains the outbox too when the browser says the network is back.
(function (scope) {
  "use strict";
  const DB_NAME = "cardcap";
  const STORE = "outbox";
  const LOCK = "cardcap-outbox"; // one drain at a time, page or service worker
  // Answers after which sending the photo again cannot help: it is dropped with the server's sentence.
  const REFUSED = [400, 413, 415, 422];

  function openDb() {
    return new Promise(function (resolve, reject) {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE, { keyPath: "id", autoIncrement: true });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  // Run `work(store)` in one transaction; resolves with the value of the request it returns, once
  // the transaction is committed (so a photo is on disk before anyone is told it is kept).
  function transaction(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        const tx = db.transaction(STORE, mode);
        const request = work(tx.objectStore(STORE));
        tx.oncomplete = function () { db.close(); resolve(request ? request.result : undefined); };
        tx.onerror = tx.onabort = function () { db.close(); reject(tx.error); };
      });
    });
  }

  function add(file) {
    const record = { name: file.name || "photo.jpg", type: file.type || "", size: file.size, added: Date.now(),
      blob: file };
    return transaction("readwrite", function (store) { return store.add(record); });
  }

  function list() {
    return transaction("readonly", function (store) { return store.getAll(); });
  }

  function remove(id) {
    return transaction("readwrite", function (store) { return store.delete(id); });
  }

  // This session's CSRF token, or null when the browser is not logged in (or the server is away).
  function token() {
    return fetch("/api/session", { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (body) { return body ? body.csrf : null; })
      .catch(function () { return null; });
  }

  // The plain sender (the service worker's): one photo posted to /api/uploads.
  function fetchSend(record, csrf) {
    const data = new FormData();
    data.append("files", record.blob, record.name);
    return fetch("/api/uploads", { method: "POST", body: data, credentials: "same-origin",
      headers: { "X-CSRF-Token": csrf || "" } })
      .then(function (response) {
        return response.json().catch(function () { return {}; })
          .then(function (body) { return { status: response.status, body: body }; });
      })
      .catch(function () { return { status: 0, body: {} }; });
  }

  function message(record, answer) {
    const body = answer.body || {};
    if (body.problems && body.problems.length) return body.problems.map(function (p) { return p.message; }).join(" ");
    return typeof body.detail === "string" ? body.detail : record.name + ": refused (" + answer.status + ").";
  }

  // Send every waiting photo, oldest first. `hooks`: accepted(record, body), refused(record, sentence),
  // waiting(reason) with reason "offline" or "login". Resolves with the number still waiting.
  async function drainNow(send, hooks) {
    let csrf = hooks.csrf || null;
    const records = await list();
    for (let i = 0; i < records.length; i++) {
      const record = records[i];
      let answer = await send(record, csrf);
      if (answer.status === 403 || (answer.status === 0 && csrf === null)) {
        csrf = await token(); // the page's token is stale (the server restarted, or a new login)
        if (csrf === null) {
          if (hooks.waiting) hooks.waiting(answer.status === 0 ? "offline" : "login");
          return records.length - i;
        }
        answer = await send(record, csrf);
      }
      if (answer.status >= 200 && answer.status < 300) {
        await remove(record.id);
        if (hooks.accepted) hooks.accepted(record, answer.body);
      } else if (REFUSED.indexOf(answer.status) >= 0) {
        await remove(record.id);
        if (hooks.refused) hooks.refused(record, message(record, answer));
      } else {
        if (hooks.waiting) hooks.waiting(answer.status === 401 || answer.status === 403 ? "login" : "offline");
        return records.length - i;
      }
    }
    return 0;
  }

  function drain(send, hooks) {
    if (scope.navigator && scope.navigator.locks) {
      return scope.navigator.locks.request(LOCK, function () { return drainNow(send, hooks || {}); });
    }
    return drainNow(send, hooks || {});
  }

  scope.CardcapOutbox = { add: add, list: list, remove: remove, drain: drain, fetchSend: fetchSend, token: token };
})(self);
