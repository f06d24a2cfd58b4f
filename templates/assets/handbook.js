// organogram handbook: folding navigation and charts (search is in search.js). No dependencies; works from file://.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var root = document.body.getAttribute("data-root") || "";

  // Foldable unit tree.
  Array.prototype.forEach.call(document.querySelectorAll("button.fold"), function (button) {
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") === "true";
      button.setAttribute("aria-expanded", open ? "false" : "true");
      var list = document.getElementById(button.getAttribute("aria-controls"));
      if (list) { list.hidden = open; }
    });
  });

  // Menu button on narrow screens.
  var menu = document.querySelector(".menu-button");
  var sidebar = document.getElementById("sidebar");
  if (menu && sidebar) {
    menu.addEventListener("click", function () {
      var open = menu.getAttribute("aria-expanded") === "true";
      menu.setAttribute("aria-expanded", open ? "false" : "true");
      sidebar.classList.toggle("open", !open);
    });
  }
  var current = sidebar && sidebar.querySelector('[aria-current="page"]');
  if (current && current.scrollIntoView && sidebar.scrollHeight > sidebar.clientHeight) {
    current.scrollIntoView({ block: "center" });
  }

  // Charts: fit to the column, or at full size with scrolling.
  Array.prototype.forEach.call(document.querySelectorAll("button.chart-zoom"), function (button) {
    var frame = document.getElementById(button.getAttribute("aria-controls"));
    if (!frame) { return; }
    button.addEventListener("click", function () {
      var natural = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-pressed", natural ? "true" : "false");
      frame.classList.toggle("natural", natural);
    });
  });
  // Search: assets/search.js.
})();
