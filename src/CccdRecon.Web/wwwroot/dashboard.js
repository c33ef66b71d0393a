// The batch dashboard's live part, written by hand (no build step). While the page shows a batch that is running, it
// polls the batch's progress.json every few seconds and writes the figures into the elements marked data-live, and the
// progress bar's width: no page reload. When the batch has finished it keeps polling slowly for review progress.
// Blazor's enhanced navigation replaces pages without reloading this script, so it looks for the dashboard again after
// each update ("enhancedload").
(() => {
  "use strict";

  const RUNNING_MS = 1000;
  const IDLE_MS = 15000;
  let timer = null;
  let polled = null;

  const number = new Intl.NumberFormat(document.documentElement.lang === "en" ? "en-US" : "vi-VN");
  const percent = new Intl.NumberFormat(document.documentElement.lang === "en" ? "en-US" : "vi-VN", { style: "percent", maximumFractionDigits: 0 });

  function set(root, name, text) {
    root.querySelectorAll(`[data-live="${name}"]`).forEach((el) => { if (el.textContent !== text) el.textContent = text; });
  }

  function apply(root, p) {
    for (const key of ["forms", "processed", "clean", "review", "ambiguous", "noMatch", "open", "claimed", "resolved"]) {
      if (key in p) set(root, key, number.format(p[key]));
    }
    set(root, "percent", percent.format(p.done));
    const state = root.querySelector('[data-live="state"]');
    if (state) {
      const names = Object.fromEntries((state.dataset.stateNames || "").split("|").map((pair) => pair.split("=")));
      set(root, "state", names[p.state] || p.state);
    }
    const bar = root.querySelector("[data-live-bar]");
    if (bar) bar.setAttribute("width", String(Math.round(Number(bar.dataset.full) * p.done * 10) / 10));
    root.dataset.running = p.running ? "true" : "false";
    root.dataset.polls = String(Number(root.dataset.polls || "0") + 1);
  }

  async function poll(root) {
    timer = null;
    if (!root.isConnected) return;
    try {
      const response = await fetch(root.dataset.progressUrl, { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" });
      if (response.ok) apply(root, await response.json());
    } catch {
      // The next poll tries again.
    }
    if (root.isConnected) timer = setTimeout(() => poll(root), root.dataset.running === "true" ? RUNNING_MS : IDLE_MS);
  }

  function start() {
    const root = document.querySelector("[data-dashboard]");
    if (root === polled) return;
    if (timer) clearTimeout(timer);
    timer = null;
    polled = root;
    if (root) timer = setTimeout(() => poll(root), root.dataset.running === "true" ? RUNNING_MS : IDLE_MS);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  document.addEventListener("visibilitychange", () => { if (!document.hidden && polled && !timer) poll(polled); });
  if (window.Blazor && window.Blazor.addEventListener) window.Blazor.addEventListener("enhancedload", start);
  else document.addEventListener("DOMContentLoaded", () => window.Blazor && window.Blazor.addEventListener && window.Blazor.addEventListener("enhancedload", start));
})();
