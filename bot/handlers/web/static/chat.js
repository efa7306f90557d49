// spbot founder chat: sends answers without reloading the page, announces new messages and
// keeps focus where the founder is. Without this file the page works as plain forms.
"use strict";
(() => {
  const chat = document.getElementById("chat");
  const announce = document.getElementById("announce");
  if (!chat || !window.fetch) return;
  const keys = () => new Set([...chat.querySelectorAll("#log li")].map((li) => li.dataset.key));
  const toBottom = () => { const last = chat.querySelector("#log li:last-child"); if (last) last.scrollIntoView({block: "nearest"}); };
  // Where the founder goes next: a notice to read, a choice to make, or the answer field.
  const focusNext = () => {
    const alert = chat.querySelector(".notice");
    const next = alert || chat.querySelector(".choices button") || chat.querySelector("#text");
    if (next) { if (next === alert) next.setAttribute("tabindex", "-1"); next.focus(); }
  };
  let busy = false;

  chat.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    event.preventDefault();
    if (busy) return;
    busy = true;
    const data = new FormData(form);
    const button = event.submitter;
    if (button && button.name) data.set(button.name, button.value);
    const before = keys();
    try {
      const response = await fetch(form.action, {
        method: "POST", body: new URLSearchParams(data), credentials: "same-origin",
        headers: {"X-Requested-With": "fetch"},
      });
      if (response.redirected || !(response.headers.get("content-type") || "").startsWith("text/html")) {
        window.location.assign(response.url || form.action);
        return;
      }
      chat.innerHTML = await response.text();
      // New to the founder: below their last answer, and not on the page before.
      const lines = [...chat.querySelectorAll("#log li")];
      const mine = lines.map((li) => li.classList.contains("me")).lastIndexOf(true);
      const fresh = lines.slice(mine + 1).filter((li) => li.classList.contains("bot") && !before.has(li.dataset.key));
      const alert = chat.querySelector(".notice");
      announce.textContent = alert ? "" : fresh.map((li) => li.querySelector("p").textContent).join("\n");
      toBottom();
      focusNext();
    } catch (error) {
      window.location.assign(form.action);  // the plain form path still works
    } finally {
      busy = false;
    }
  });

  // The answer's length against its limit, as the founder types (the limit is also the
  // field's maxlength; the server says the same if it is passed anyway).
  chat.addEventListener("input", (event) => {
    const field = event.target;
    const hint = chat.querySelector("#text-limit");
    if (field.id !== "text" || !hint) return;
    const limit = Number(hint.dataset.limit);
    const n = field.value.length;
    hint.textContent = hint.dataset.count.replace("{n}", n.toLocaleString(document.documentElement.lang));
    hint.classList.toggle("near", n > limit * 0.9);
  });

  chat.addEventListener("keydown", (event) => {
    // Enter sends, Shift+Enter makes a new line.
    if (event.target.id === "text" && event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      event.target.form.requestSubmit(event.target.form.querySelector("button.send"));
    }
  });
  toBottom();
  // An answer sent as a plain form (before this script had loaded, say) comes back as the
  // whole page at #answer: the founder's focus goes where it goes after a fetch. The
  // fragment is taken off the address first: the browser's own scroll to it, at load,
  // would take the focus away again (the form itself cannot hold it).
  if (window.location.hash === "#answer") {
    history.replaceState(history.state, "", window.location.pathname + window.location.search);
    focusNext();
  }
})();
