// Live preview: reload after a rebuild; show the problems when the
// organisation has become invalid (the previous build stays on screen).
(function () {
  var seen = null;
  var panel = null;
  function show(errors) {
    if (!panel) {
      panel = document.createElement("div");
      panel.setAttribute("role", "alert");
      panel.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;" +
        "background:#fff5f5;color:#3b0a0a;border-top:3px solid #c00;padding:1rem;z-index:99999;" +
        "font:13px/1.4 ui-monospace,monospace;white-space:pre-wrap";
      document.body.appendChild(panel);
    }
    panel.textContent = "The organisation has errors; this page shows the previous build.\n\n" + errors;
  }
  function poll() {
    fetch("/__organogram/status", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (seen !== null && s.version !== seen && !s.errors) { location.reload(); return; }
        seen = s.version;
        if (s.errors) { show(s.errors); } else if (panel) { panel.remove(); panel = null; }
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, 700); });
  }
  poll();
})();
