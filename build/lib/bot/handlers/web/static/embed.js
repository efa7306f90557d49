// Put the Science Park chat on any page:
//   <script src="https://spbot.example.org/embed.js" defer></script>
// A button opens the chat in an iframe; nothing else is loaded from this server until then.
"use strict";
(() => {
  const script = document.currentScript;
  const origin = new URL(script.src).origin;
  const swedish = !(document.documentElement.lang || navigator.language || "sv").toLowerCase().startsWith("en");
  const open = swedish ? "Prata med Science Park" : "Talk to Science Park";
  const close = swedish ? "Stäng chatten" : "Close the chat";
  const box = document.createElement("div");
  box.className = "spbot-embed";
  box.style.cssText = "position:fixed;right:1rem;bottom:1rem;z-index:2147483000;display:flex;flex-direction:column;align-items:flex-end;gap:.5rem;font-family:system-ui,sans-serif";
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = open;
  button.setAttribute("aria-expanded", "false");
  button.style.cssText = "font:inherit;font-size:1rem;padding:.7rem 1.1rem;border-radius:999px;border:2px solid #fff;background:#00546b;color:#fff;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.3)";
  let frame = null;
  button.addEventListener("click", () => {
    if (!frame) {
      frame = document.createElement("iframe");
      frame.src = origin + "/chat?embed=1&lang=" + (swedish ? "sv" : "en");
      frame.title = open;
      frame.style.cssText = "width:min(26rem,calc(100vw - 2rem));height:min(40rem,calc(100vh - 6rem));border:1px solid #8a8a8a;border-radius:12px;background:#fff";
      box.insertBefore(frame, button);
    } else {
      frame.hidden = !frame.hidden;
    }
    const shown = !frame.hidden;
    button.textContent = shown ? close : open;
    button.setAttribute("aria-expanded", String(shown));
    if (shown) frame.focus();
  });
  box.appendChild(button);
  document.body.appendChild(box);
})();
