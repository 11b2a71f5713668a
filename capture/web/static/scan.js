// The Scan page: take or choose as many photos as you like, as fast as you like.
// Each photo goes into the outbox (outbox.js, kept in the browser) at once, then is sent in the
// background, one after another in the order taken, with its own progress; the server reads them
// in that order and each card shows up in the list below as soon as it can be reviewed. Photos
// taken while the server cannot be reached wait in the outbox and go when it is back.
// Without JavaScript the form posts the photos as usual and the list refreshes itself.
/* global CardcapOutbox */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  const form = document.getElementById("upload-form");
  const inputs = [document.getElementById("files"), document.getElementById("library")].filter(Boolean);
  const zone = document.getElementById("dropzone");
  const outboxList = document.getElementById("outbox");
  const connection = document.getElementById("connection");
  const problems = document.getElementById("problems");
  const queue = document.getElementById("queue");
  if (!form || !inputs.length || !window.CardcapOutbox) return;

  const POLL_MS = 700; // while cards are read: how often the list is asked for
  const RETRY_MS = 10000; // while photos wait for the server: how often it is tried again
  const params = new URLSearchParams(window.location.search);
  let waitForNext = params.get("next") === "wait"; // came from "Accept": open the next card once ready
  let csrf = form.dataset.csrf || null;
  let draining = null;
  const sending = {}; // outbox id -> percent sent

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js").catch(function () { /* the page works without it */ });
  }

  function say(message) {
    const item = document.createElement("li");
    item.className = "alert";
    item.textContent = message; // text, never HTML
    problems.appendChild(item);
  }

  function showConnection(reason, waiting) {
    if (!waiting) { connection.hidden = true; return; }
    const photos = waiting === 1 ? "1 photo is" : waiting + " photos are";
    connection.textContent = reason === "login"
      ? photos + " kept on this phone: log in again to send " + (waiting === 1 ? "it." : "them.")
      : photos + " kept on this phone and will be sent when cardcap can be reached again.";
    connection.hidden = false;
  }

  function row(record) {
    const item = document.createElement("li");
    item.className = "job local";
    item.dataset.outbox = String(record.id);
    const thumb = document.createElement("img");
    thumb.className = "thumb";
    thumb.alt = "";
    thumb.src = URL.createObjectURL(record.blob);
    thumb.onload = function () { URL.revokeObjectURL(thumb.src); };
    const text = document.createElement("div");
    text.className = "what";
    const name = document.createElement("b");
    name.textContent = record.name;
    const status = document.createElement("span");
    status.className = "status";
    const percent = sending[record.id];
    status.textContent = percent === undefined ? "Waiting to be sent" : "Sending… " + percent + "%";
    const bar = document.createElement("progress");
    bar.max = 100;
    if (percent !== undefined) bar.value = percent;
    text.append(name, status, bar);
    const line = document.createElement("div");
    line.className = "card-row";
    line.append(thumb, text);
    item.append(line);
    return item;
  }

  async function showOutbox() {
    const records = await CardcapOutbox.list();
    outboxList.replaceChildren.apply(outboxList, records.map(row));
    return records.length;
  }

  // The page's sender: XMLHttpRequest, for the upload progress fetch() cannot report.
  function send(record, token) {
    return new Promise(function (resolve) {
      const data = new FormData();
      data.append("files", record.blob, record.name);
      const request = new XMLHttpRequest();
      request.open("POST", "/api/uploads");
      request.setRequestHeader("X-CSRF-Token", token || "");
      request.responseType = "json";
      sending[record.id] = 0;
      showOutbox();
      request.upload.onprogress = function (event) {
        if (!event.lengthComputable) return;
        sending[record.id] = Math.round((event.loaded / event.total) * 100);
        const bar = outboxList.querySelector('[data-outbox="' + record.id + '"] progress');
        const status = outboxList.querySelector('[data-outbox="' + record.id + '"] .status');
        if (bar) bar.value = sending[record.id];
        if (status) status.textContent = "Sending… " + sending[record.id] + "%";
      };
      request.onload = function () {
        delete sending[record.id];
        resolve({ status: request.status, body: request.response || {} });
      };
      request.onerror = request.onabort = function () {
        delete sending[record.id];
        resolve({ status: 0, body: {} });
      };
      request.send(data);
    });
  }

  function drain() {
    if (draining) return draining;
    let reason = null;
    draining = CardcapOutbox.drain(send, {
      csrf: csrf,
      accepted: function () { showOutbox(); refresh(); },
      refused: function (record, sentence) { say(sentence); showOutbox(); },
      waiting: function (why) { reason = why; },
    }).then(async function (left) {
      draining = null;
      await showOutbox();
      showConnection(reason, left);
      if (left && reason === "offline") remindLater();
      return left;
    }, function () { draining = null; });
    return draining;
  }

  let retry = null;
  function remindLater() {
    if (retry) return;
    retry = setTimeout(function () { retry = null; drain(); }, RETRY_MS);
    // and the service worker sends them when the browser says the network is back, page open or not
    if (navigator.serviceWorker && navigator.serviceWorker.ready) {
      navigator.serviceWorker.ready.then(function (registration) {
        if (registration.sync) return registration.sync.register("cardcap-outbox");
      }).catch(function () { /* no background sync: the page's own retries do */ });
    }
  }

  async function take(files) {
    files = Array.from(files).filter(function (file) { return file && file.size; });
    if (!files.length) return;
    problems.textContent = "";
    for (let i = 0; i < files.length; i++) await CardcapOutbox.add(files[i]); // kept before anything else
    inputs.forEach(function (input) { input.value = ""; }); // ready for the next photo at once
    await showOutbox();
    drain();
  }

  // ---- the list of cards the server has: refreshed while any is being read ---------------------

  let polling = null;
  async function refresh() {
    let html;
    try {
      const response = await fetch("/queue/list", { credentials: "same-origin", cache: "no-store" });
      if (!response.ok) return;
      html = await response.text();
    } catch (offline) {
      return;
    }
    if (queue.dataset.html !== html) {
      queue.innerHTML = html; // rendered and escaped by the server's template
      queue.dataset.html = html;
    }
    const list = queue.querySelector("[data-pending]");
    const next = list ? list.dataset.next : "";
    if (waitForNext && next) {
      waitForNext = false;
      window.location.assign("/review/" + next);
      return;
    }
    if (list && list.dataset.pending === "1") {
      clearTimeout(polling);
      polling = setTimeout(refresh, POLL_MS);
    }
  }

  inputs.forEach(function (input) {
    input.addEventListener("change", function () { take(input.files); });
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    take(inputs.reduce(function (all, input) { return all.concat(Array.from(input.files)); }, []));
  });
  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) { event.preventDefault(); zone.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function () { zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    take(event.dataTransfer.files);
  });
  window.addEventListener("online", function () { drain(); refresh(); });
  window.addEventListener("offline", function () { showOutbox().then(function (n) { showConnection("offline", n); }); });

  showOutbox().then(function (waiting) { if (waiting) drain(); });
  refresh();
})();
