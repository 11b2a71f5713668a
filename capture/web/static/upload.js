// Upload with a visible progress state: each chosen photo is posted to /api/scan in turn, then
// the first card opens for review (the others follow it). Without JavaScript the form posts as usual.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  const form = document.getElementById("upload-form");
  const input = document.getElementById("files");
  const library = document.getElementById("library");
  const zone = document.getElementById("dropzone");
  const progress = document.getElementById("progress");
  const text = document.getElementById("progress-text");
  const bar = document.getElementById("progress-bar");
  const problems = document.getElementById("problems");
  if (!form || !input) return;

  function problem(message) {
    const item = document.createElement("li");
    item.className = "alert";
    item.textContent = message; // text, never HTML
    problems.appendChild(item);
  }

  function send(file, index, total) {
    return new Promise(function (resolve) {
      const data = new FormData();
      data.append("files", file, file.name);
      const request = new XMLHttpRequest();
      request.open("POST", "/api/scan");
      request.setRequestHeader("X-CSRF-Token", form.dataset.csrf);
      request.responseType = "json";
      const label = total > 1 ? "card " + (index + 1) + " of " + total : "the card";
      text.textContent = "Uploading " + label + "…";
      bar.value = 0;
      request.upload.onprogress = function (event) {
        if (event.lengthComputable) bar.value = Math.round((event.loaded / event.total) * 100);
      };
      request.upload.onload = function () {
        text.textContent = "Reading " + label + "…";
        bar.removeAttribute("value"); // indeterminate while the server reads the text
      };
      request.onload = function () {
        const body = request.response || {};
        if (request.status >= 200 && request.status < 300) {
          resolve(body.cards || []);
        } else {
          const details = body.problems && body.problems.length ? body.problems.map(function (p) { return p.message; })
            : [typeof body.detail === "string" ? body.detail : file.name + ": the upload failed (" + request.status + ")."];
          details.forEach(problem);
          resolve([]);
        }
      };
      request.onerror = function () { problem(file.name + ": the connection to cardcap was lost."); resolve([]); };
      request.send(data);
    });
  }

  async function upload(files) {
    if (!files.length) return;
    problems.textContent = "";
    progress.hidden = false;
    form.hidden = true; // nothing to tap twice while the card is read
    const keys = [];
    for (let i = 0; i < files.length; i++) {
      const cards = await send(files[i], i, files.length);
      cards.forEach(function (card) { keys.push(card.key); });
    }
    progress.hidden = true;
    form.hidden = false;
    input.value = "";
    if (library) library.value = "";
    if (!keys.length) return;
    const rest = keys.slice(1).join(",");
    const target = "/review/" + keys[0] + (rest ? "?next=" + rest : "");
    if (problems.children.length) {
      problem("The other photos were read; opening them in a moment…");
      setTimeout(function () { window.location.assign(target); }, 2500);
    } else {
      window.location.assign(target);
    }
  }

  input.addEventListener("change", function () { upload(Array.from(input.files)); });
  if (library) library.addEventListener("change", function () { upload(Array.from(library.files)); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    upload(Array.from(input.files).concat(library ? Array.from(library.files) : []));
  });
  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) { event.preventDefault(); zone.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function () { zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    upload(Array.from(event.dataTransfer.files));
  });
})();
