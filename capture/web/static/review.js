// The review page, made for a thumb:
// - the card stays in view above the form; tapping into a field zooms the card to where that
//   field was read, tapping a box on the card opens its field, tapping the card elsewhere shows it whole;
// - when the page shows the first reader's answer (the second one still reading), it asks for the
//   final answer and fills in what the second reader changed, marked, without touching what you typed.
(function () {
  "use strict";
  const form = document.getElementById("review-form");
  const figures = Array.from(document.querySelectorAll(".card-view"));
  if (!form) return;

  const ZOOM_MS = 220;
  const POLL_MS = 400;
  const MAX_ZOOM = 4; // a short field still shows some of the card around it

  function numbers(text) { return (text || "").split(/[ ,]+/).map(Number); }

  // ---- zooming the card to a field ----------------------------------------------------------------

  function zoomer(figure) {
    const svg = figure.querySelector("svg");
    const whole = numbers(svg.getAttribute("viewBox"));
    let current = whole.slice();
    let frame = null;

    function show(box) {
      const [, , width, height] = whole;
      const aspect = width / height;
      let target = whole;
      if (box) {
        const pad = Math.max(box[3] * 0.6, height * 0.03);
        let [x, y, w, h] = [box[0] - pad, box[1] - pad, box[2] + 2 * pad, box[3] + 2 * pad];
        w = Math.max(w, width / MAX_ZOOM);
        if (w / h > aspect) { const nh = w / aspect; y -= (nh - h) / 2; h = nh; }
        else { const nw = h * aspect; x -= (nw - w) / 2; w = nw; }
        w = Math.min(w, width); h = Math.min(h, height);
        x = Math.min(Math.max(x, 0), width - w);
        y = Math.min(Math.max(y, 0), height - h);
        target = [x, y, w, h];
      }
      const from = current.slice();
      const start = performance.now();
      cancelAnimationFrame(frame);
      function step(now) {
        const t = Math.min(1, (now - start) / ZOOM_MS);
        const ease = 1 - Math.pow(1 - t, 3);
        current = from.map(function (v, i) { return v + (target[i] - v) * ease; });
        svg.setAttribute("viewBox", current.map(function (v) { return v.toFixed(1); }).join(" "));
        if (t < 1) frame = requestAnimationFrame(step);
      }
      frame = requestAnimationFrame(step);
      figure.classList.toggle("zoomed", Boolean(box));
      figure.dataset.zoom = box ? box.join(" ") : "";
    }
    return { svg: svg, show: show, side: figure.dataset.side || "front" };
  }

  const views = figures.map(zoomer);

  function markCurrent(id) {
    document.querySelectorAll(".card-view .entry.current").forEach(function (rect) { rect.classList.remove("current"); });
    if (id) document.querySelectorAll('.card-view .entry[data-for="' + id + '"]').forEach(function (rect) {
      rect.classList.add("current");
    });
  }

  function focusField(field) {
    const box = field.dataset.box ? numbers(field.dataset.box) : null;
    views.forEach(function (view) { view.show(box && view.side === (field.dataset.side || "front") ? box : null); });
    markCurrent(field.id);
  }

  form.addEventListener("focusin", function (event) {
    if (event.target.matches("input, textarea, select")) {
      const field = event.target.closest(".field");
      const input = field ? field.querySelector("input, textarea") : null;
      if (input) focusField(input);
    }
  });

  views.forEach(function (view) {
    view.svg.addEventListener("click", function (event) {
      const rect = event.target.closest(".entry");
      const input = rect ? document.getElementById(rect.dataset.for) : null;
      if (input) {
        input.focus({ preventScroll: true });
        input.scrollIntoView({ block: "center", behavior: "smooth" });
        focusField(input);
      } else {
        views.forEach(function (v) { v.show(null); });
        markCurrent(null);
      }
    });
  });

  // the form scrolls under the card: a field scrolled to must land below it
  function keepFieldsVisible() {
    const card = document.querySelector(".card-dock");
    if (card) document.documentElement.style.setProperty("--dock-height", card.offsetHeight + "px");
  }
  window.addEventListener("resize", keepFieldsVisible);
  keepFieldsVisible();

  // ---- the second reader's answer ------------------------------------------------------------------

  const stage = form.querySelector('input[name="stage"]');
  const touched = new Set();
  form.addEventListener("input", function (event) { if (event.target.name) touched.add(event.target.name); });

  function fieldsOf(root) {
    const values = {};
    root.querySelectorAll("#review-form input[name], #review-form textarea[name], #review-form select[name]")
      .forEach(function (input) { values[input.name] = input; });
    return values;
  }

  function badge(wrapper, text) {
    let mark = wrapper.querySelector(".badge.updated");
    if (!mark) {
      mark = document.createElement("span");
      mark.className = "badge updated";
      const label = wrapper.querySelector("label");
      if (label) label.appendChild(mark);
    }
    mark.textContent = text;
  }

  function fillIn(final) {
    const mine = fieldsOf(document);
    const theirs = fieldsOf(final);
    Object.keys(theirs).forEach(function (name) {
      const input = mine[name];
      const incoming = theirs[name];
      if (!input || name === "csrf_token" || name === "next") return;
      const wrapper = input.closest(".field");
      // what the field shows in the final reading: value, data-box (where it was read), and its marks
      ["data-box", "data-side"].forEach(function (attribute) {
        if (incoming.hasAttribute(attribute)) input.setAttribute(attribute, incoming.getAttribute(attribute));
      });
      if (input.value === incoming.value || input.type === "hidden") return;
      if (touched.has(name)) {
        if (wrapper) badge(wrapper, "2nd reader: " + incoming.value);
        return;
      }
      const was = input.value;
      input.value = incoming.value;
      if (wrapper) {
        wrapper.classList.add("updated");
        badge(wrapper, was ? "changed by the 2nd reader" : "added by the 2nd reader");
        wrapper.title = was ? "was: " + was : "";
      }
    });
    // the card's outlines and the warnings now follow the final reading
    const figure = final.querySelector(".card-dock");
    const mineFigure = document.querySelector(".card-dock");
    if (figure && mineFigure) {
      mineFigure.querySelectorAll("svg g.marks").forEach(function (group, i) {
        const fresh = figure.querySelectorAll("svg g.marks")[i];
        if (fresh) group.replaceWith(document.importNode(fresh, true));
      });
    }
    const warnings = final.querySelector("#warnings");
    const mineWarnings = document.querySelector("#warnings");
    if (warnings && mineWarnings) mineWarnings.replaceWith(document.importNode(warnings, true));
    if (stage) stage.value = "final";
    document.body.dataset.stage = "final";
    const note = document.getElementById("reading-note");
    if (note) note.textContent = "Both readers are done.";
  }

  async function waitForFinal() {
    const key = form.dataset.key;
    for (;;) {
      await new Promise(function (resolve) { setTimeout(resolve, POLL_MS); });
      let state;
      try {
        const response = await fetch("/api/cards/" + key + "/stage", { credentials: "same-origin", cache: "no-store" });
        if (!response.ok) return;
        state = await response.json();
      } catch (offline) {
        continue;
      }
      if (state.stage !== "final") continue;
      const page = await fetch(window.location.pathname, { credentials: "same-origin", cache: "no-store" });
      if (!page.ok) return;
      fillIn(new DOMParser().parseFromString(await page.text(), "text/html"));
      return;
    }
  }

  if (stage && stage.value === "first") waitForFinal();
})();
