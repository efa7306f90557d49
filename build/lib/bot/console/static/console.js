// spbot console: small progressive enhancement. Every page works without it.
"use strict";
document.addEventListener("submit", (event) => {
  // One click, one action: a slow answer must not make a second accept or erase.
  const form = event.target;
  if (form.method.toLowerCase() !== "post") return;
  if (form.dataset.sent === "1") { event.preventDefault(); return; }
  form.dataset.sent = "1";
  for (const button of form.querySelectorAll("button")) button.setAttribute("aria-disabled", "true");
});
document.addEventListener("DOMContentLoaded", () => {
  // After a change, move focus to the notice so screen readers hear it first.
  const notice = document.querySelector("main .notice");
  if (notice) { notice.setAttribute("tabindex", "-1"); notice.focus(); }
});
