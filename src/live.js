// Live preview: reload after a rebuild; show the problems when the
// organisation has become invalid. The panel speaks the organisation's
// language, can be closed (button, Escape) and comes back with the next
// failed build.
(function () {
  var words = {
    nl: {
      previous: "De organisatie bevat fouten; de pagina's tonen de vorige build tot ze hersteld zijn.",
      none: "De organisatie bevat fouten; er is nog niets gebouwd. Herstel ze en bewaar het bestand.",
      close: "Sluiten",
      closeLabel: "Meldingen sluiten"
    },
    en: {
      previous: "The organisation has errors; the pages show the previous build until they are fixed.",
      none: "The organisation has errors; nothing has been built yet. Fix them and save the file.",
      close: "Close",
      closeLabel: "Close the problems"
    }
  };
  var seen = null;
  var panel = null;
  var closed = null; // the build whose problems were closed
  function close() {
    if (panel) { panel.remove(); panel = null; }
    closed = seen;
  }
  function show(s) {
    // The problems page shows them in its own text.
    var inline = document.getElementById("organogram-problems");
    if (inline) { inline.textContent = s.errors; return; }
    if (closed === s.version) { return; }
    var w = words[(s.lang || "").slice(0, 2) === "en" ? "en" : "nl"];
    if (!panel) {
      panel = document.createElement("div");
      panel.id = "organogram-live-problems";
      panel.setAttribute("role", "alert");
      panel.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;" +
        "background:#fff5f5;color:#3b0a0a;border-top:3px solid #c00;padding:1rem;z-index:99999;" +
        "font:13px/1.4 ui-monospace,monospace";
      var bar = document.createElement("div");
      bar.style.cssText = "display:flex;gap:1rem;align-items:flex-start;justify-content:space-between";
      var message = document.createElement("strong");
      message.className = "organogram-live-message";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "organogram-live-close";
      button.style.cssText = "font:inherit;padding:0.2rem 0.7rem;background:#fff;color:#3b0a0a;" +
        "border:1px solid #3b0a0a;border-radius:4px;cursor:pointer";
      button.addEventListener("click", close);
      bar.appendChild(message);
      bar.appendChild(button);
      var text = document.createElement("pre");
      text.style.cssText = "margin:0.8rem 0 0;white-space:pre-wrap;font:inherit";
      panel.appendChild(bar);
      panel.appendChild(text);
      document.body.appendChild(panel);
    }
    panel.querySelector(".organogram-live-message").textContent = s.built ? w.previous : w.none;
    var b = panel.querySelector(".organogram-live-close");
    b.textContent = w.close;
    b.setAttribute("aria-label", w.closeLabel);
    panel.querySelector("pre").textContent = s.errors;
  }
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && panel) { close(); }
  });
  function poll() {
    fetch("/__organogram/status", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (seen !== null && s.version !== seen && !s.errors) { location.reload(); return; }
        seen = s.version;
        if (s.errors) { show(s); } else if (panel) { panel.remove(); panel = null; }
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, 700); });
  }
  poll();
})();
