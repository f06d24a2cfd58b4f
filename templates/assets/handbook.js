// organogram handbook: folding navigation and charts (search is in search.js). No dependencies; works from file://.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var root = document.body.getAttribute("data-root") || "";

  // Foldable unit tree. Without script every branch is open (the page marks
  // the closed ones, and a noscript style shows them) and there is nothing
  // to fold: the script makes the fold buttons, one before the link of each
  // unit with a branch, so that no page carries them for readers without it.
  var foldLabel = (window.ORGANOGRAM_LABELS || {}).fold || "";
  Array.prototype.forEach.call(document.querySelectorAll(".nav-tree li"), function (item) {
    var link = item.firstElementChild;
    var list = link && link.nextElementSibling;
    if (!link || link.tagName !== "A" || !list || list.tagName !== "UL" || !list.id) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "fold";
    button.setAttribute("aria-expanded", list.classList.contains("nav-closed") ? "false" : "true");
    button.setAttribute("aria-controls", list.id);
    var label = document.createElement("span");
    label.className = "visually-hidden";
    label.textContent = foldLabel + ": " + link.textContent;
    button.appendChild(label);
    item.insertBefore(button, link);
  });
  Array.prototype.forEach.call(document.querySelectorAll("ul.nav-closed"), function (list) {
    list.hidden = true;
    list.classList.remove("nav-closed");
  });
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
  // The current page's entry in the middle of the sidebar. Only the sidebar
  // scrolls: scrollIntoView would scroll the window too, and the page would
  // open scrolled down.
  var current = sidebar && sidebar.querySelector('[aria-current="page"]');
  if (current && sidebar.scrollHeight > sidebar.clientHeight) {
    var r = current.getBoundingClientRect();
    var s = sidebar.getBoundingClientRect();
    sidebar.scrollTop += (r.top - s.top) - (sidebar.clientHeight - r.height) / 2;
  }

  // Search: assets/search.js.
})();
