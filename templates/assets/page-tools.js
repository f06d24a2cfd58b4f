// organogram handbook: reading aids for long pages. No dependencies; works
// from file://. A permalink on every heading with an id, a table of contents
// on pages with many sections, a link back to the top of long pages, a hint
// on tables wider than the screen, and anchors that land below the sticky
// top bar. The words are those of the page's language (ORGANOGRAM_LABELS).
(function () {
  "use strict";
  var content = document.getElementById("content");
  if (!content) { return; }
  var TOC_MIN_SECTIONS = 4;
  var LONG_PAGE_SCREENS = 2.5;

  var labels = window.ORGANOGRAM_LABELS || {};
  function label(name) { return labels[name.replace(/-/g, "_")] || ""; }
  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    if (text) { el.textContent = text; }
    return el;
  }
  function hidden(el) {
    return el.classList.contains("visually-hidden") || el.closest("svg, .chart-frame, .toc") !== null;
  }

  // Anchors land below the sticky top bar, however high it is (it wraps on
  // a phone). The stylesheet has a fallback for pages without script.
  var bar = document.querySelector(".topbar");
  function padding() {
    if (bar) {
      document.documentElement.style.scrollPaddingTop = Math.ceil(bar.getBoundingClientRect().height + 12) + "px";
    }
  }
  padding();
  window.addEventListener("resize", padding);

  // Permalinks.
  var headings = Array.prototype.filter.call(content.querySelectorAll("h2[id], h3[id], h4[id]"), function (h) {
    return !hidden(h);
  });
  headings.forEach(function (h) {
    var text = h.textContent.replace(/\s+/g, " ").trim();
    var a = element("a", "permalink", "#");
    a.href = "#" + h.id;
    a.setAttribute("aria-label", label("permalink") + ": " + text);
    h.appendChild(document.createTextNode(" "));
    h.appendChild(a);
    h.setAttribute("data-text", text);
  });

  // Table of contents, before the first section it lists. A page with an
  // index of its own (the letters of "who does what") needs none.
  var sections = headings.filter(function (h) { return h.tagName === "H2"; });
  if (sections.length >= TOC_MIN_SECTIONS && !content.querySelector(".letters")) {
    var nav = element("nav", "toc");
    nav.setAttribute("aria-labelledby", "toc-title");
    var title = element("p", "toc-title", label("on-this-page"));
    title.id = "toc-title";
    nav.appendChild(title);
    var list = element("ol");
    sections.forEach(function (h) {
      var li = element("li");
      var a = element("a", null, h.getAttribute("data-text"));
      a.href = "#" + h.id;
      li.appendChild(a);
      list.appendChild(li);
    });
    nav.appendChild(list);
    var first = sections[0];
    var before = first;
    while (before.parentElement && before.parentElement !== content &&
           !before.parentElement.classList.contains("unit-page") &&
           before.parentElement.firstElementChild === before) {
      before = before.parentElement;
    }
    before.parentElement.insertBefore(nav, before);
  }

  // Back to the top, at the end of a long page.
  if (document.documentElement.scrollHeight > LONG_PAGE_SCREENS * window.innerHeight) {
    var p = element("p", "back-to-top");
    var up = element("a", null, "\u2191 " + label("back-to-top"));
    up.href = "#top";
    p.appendChild(up);
    var pager = content.querySelector(".pager");
    content.insertBefore(p, pager);
  }

  // Tables wider than the screen scroll sideways: say so, and let the
  // keyboard scroll them.
  var tables = Array.prototype.slice.call(content.querySelectorAll(".table-wrap"));
  function hints() {
    tables.forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      var hint = wrap.previousElementSibling;
      var has = hint && hint.classList.contains("table-hint");
      if (scrolls && !has) {
        hint = element("p", "table-hint", "\u2194 " + label("table-scroll"));
        hint.setAttribute("aria-hidden", "true");
        wrap.parentElement.insertBefore(hint, wrap);
      } else if (!scrolls && has) {
        hint.parentElement.removeChild(hint);
      }
      wrap.classList.toggle("scrolls", scrolls);
      if (scrolls) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", label("table-scroll"));
      } else {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }
  hints();
  window.addEventListener("resize", hints);
})();
