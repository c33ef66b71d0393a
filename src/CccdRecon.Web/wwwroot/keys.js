// The review console's keys (shown by "?"). Written by hand, no build step. A case page opens with its first
// undecided field focused; j/k move between fields; 1 keep the registry's value, 2 take the form's, 3 correct (focus
// the input), each deciding the focused field and moving to the next undecided one; x reject the link; Enter save;
// n next case. On the queue, j/k pick a row and Enter opens it. Keys never act while typing in a field (Escape leaves
// it). Blazor's enhanced navigation replaces the page without reloading this script, so everything is looked up on
// the current page and set up again after each update ("enhancedload").
(() => {
  "use strict";

  const rows = () => Array.from(document.querySelectorAll("[data-field-row]"));
  const queueRows = () => Array.from(document.querySelectorAll("[data-queue] [data-row]"));
  const typing = (el) => el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName)) &&
    !(el.tagName === "INPUT" && ["radio", "checkbox", "button", "submit"].includes(el.type));

  let focused = -1;
  let queueFocused = -1;

  const decided = (row) => row.querySelector("input[type=radio]:checked") !== null;

  function focusRow(index) {
    const all = rows();
    if (all.length === 0) return;
    focused = Math.max(0, Math.min(index, all.length - 1));
    all.forEach((row, i) => row.toggleAttribute("data-focused", i === focused));
    all[focused].focus({ preventScroll: false });
    all[focused].scrollIntoView({ block: "nearest" });
  }

  function nextUndecided(from) {
    const all = rows();
    for (let i = from + 1; i < all.length; i++) if (!decided(all[i])) return i;
    for (let i = 0; i <= from && i < all.length; i++) if (!decided(all[i])) return i;
    return Math.min(from + 1, all.length - 1);
  }

  function decide(key) {
    const all = rows();
    if (focused < 0 || focused >= all.length) focusRow(0);
    const row = all[focused];
    if (!row) return;
    const radio = row.querySelector(`input[type=radio][data-key="${key}"]`);
    if (!radio) return;
    radio.checked = true;
    row.setAttribute("data-decided", "true");
    if (key === "3") {
      const input = row.querySelector("[data-correct]");
      if (input) { input.focus(); input.select(); }
      return;
    }
    focusRow(nextUndecided(focused));
  }

  function toggleReject() {
    const box = document.querySelector("[data-reject]");
    if (!box) return;
    box.checked = !box.checked;
    showRejectHint();
  }

  function showRejectHint() {
    const box = document.querySelector("[data-reject]");
    const hint = document.querySelector("[data-reject-hint]");
    if (box && hint) hint.hidden = !box.checked;
    document.querySelectorAll("[data-field-row]").forEach((row) => row.toggleAttribute("data-disabled", !!(box && box.checked)));
  }

  function save() {
    const form = document.querySelector("[data-case-form]");
    if (form) form.requestSubmit(form.querySelector("[data-save]") || undefined);
  }

  function toggleHelp() {
    const help = document.getElementById("help");
    if (!help) return;
    if (help.open) help.close(); else help.showModal();
  }

  function focusQueueRow(index) {
    const all = queueRows();
    if (all.length === 0) return;
    queueFocused = Math.max(0, Math.min(index, all.length - 1));
    all.forEach((row, i) => row.toggleAttribute("data-focused", i === queueFocused));
    const link = all[queueFocused].querySelector("[data-open]");
    if (link) link.focus();
  }

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    const help = document.getElementById("help");
    if (help && help.open) return; // the dialog handles Escape itself
    if (typing(target)) {
      if (event.key === "Escape" && target.closest("[data-field-row]")) {
        event.preventDefault();
        const all = rows();
        focusRow(all.indexOf(target.closest("[data-field-row]")));
      } else if (event.key === "Enter" && target.tagName === "INPUT" && target.closest("[data-case-form]")) {
        event.preventDefault();
        save();
      }
      return;
    }
    const onCase = document.querySelector("[data-case-form]") !== null;
    switch (event.key) {
      case "?":
        event.preventDefault();
        toggleHelp();
        return;
      case "j":
      case "k": {
        event.preventDefault();
        const step = event.key === "j" ? 1 : -1;
        if (onCase) focusRow(focused < 0 ? 0 : focused + step);
        else focusQueueRow(queueFocused < 0 ? 0 : queueFocused + step);
        return;
      }
      case "1":
      case "2":
      case "3":
        if (!onCase) return;
        event.preventDefault();
        decide(event.key);
        return;
      case "x":
        if (!onCase) return;
        event.preventDefault();
        toggleReject();
        return;
      case "Enter":
        if (onCase && !(target instanceof HTMLButtonElement) && !(target instanceof HTMLAnchorElement)) {
          event.preventDefault();
          save();
        }
        return;
      case "n": {
        const next = document.querySelector("[data-next-case]");
        if (next) { event.preventDefault(); next.click(); }
        return;
      }
    }
  });

  document.addEventListener("change", (event) => {
    if (event.target && event.target.matches && event.target.matches("[data-reject]")) showRejectHint();
  });

  document.addEventListener("click", (event) => {
    if (event.target && event.target.closest && event.target.closest("[data-help-open]")) toggleHelp();
  });

  // A case opens with its first undecided field focused (or the first field when all are decided).
  function setUp() {
    focused = -1;
    queueFocused = -1;
    const all = rows();
    if (all.length > 0) {
      const first = all.findIndex((row) => !decided(row));
      focusRow(first < 0 ? 0 : first);
    }
    showRejectHint();
    document.documentElement.setAttribute("data-keys-ready", "");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
  // Blazor's enhanced navigation and forms patch the page in place.
  if (window.Blazor && typeof window.Blazor.addEventListener === "function") {
    window.Blazor.addEventListener("enhancedload", setUp);
  } else {
    document.addEventListener("DOMContentLoaded", () => {
      if (window.Blazor && typeof window.Blazor.addEventListener === "function") window.Blazor.addEventListener("enhancedload", setUp);
    });
  }
})();
