// organogram handbook: the date and revision of this build, for the footer of
// every page. One file, so that a new revision does not rewrite every page.
(function () {
  "use strict";
  var build = {"date":"2026-12-01","note":"hash van de bronbestanden","revision":"d46226d3e872","text":"1 december 2026"};
  Array.prototype.forEach.call(document.querySelectorAll('[data-build="date"]'), function (item) {
    var time = document.createElement("time");
    time.setAttribute("datetime", build.date);
    time.textContent = build.text;
    item.replaceChildren(time);
  });
  Array.prototype.forEach.call(document.querySelectorAll('[data-build="revision"]'), function (item) {
    var code = item.querySelector("code");
    if (!build.revision || !code) { return; }
    code.textContent = build.revision;
    if (build.note) { item.appendChild(document.createTextNode(" (" + build.note + ")")); }
    item.hidden = false;
  });
})();
