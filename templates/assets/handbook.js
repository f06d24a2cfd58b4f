// organogram handbook: folding navigation and search. No dependencies; works from file://.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var root = document.body.getAttribute("data-root") || "";

  // Foldable unit tree. Without script every branch is open (the page marks
  // the closed ones, and a noscript style shows them).
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

  // Search over the index built with the site (assets/search-index.js).
  var input = document.getElementById("search-input");
  var box = document.getElementById("search-results");
  if (!input || !box) { return; }
  var list = box.querySelector("ul");
  var status = box.querySelector(".search-status");
  var noResults = input.getAttribute("data-no-results") || "";

  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var entries = (window.ORGANOGRAM_SEARCH || []).map(function (e) {
    var words = (e.w || []).map(String);
    return {
      entry: e,
      title: fold(e.t),
      words: words,
      foldedWords: words.map(fold),
      all: fold([e.t, e.k, words.join(" "), e.d].join(" "))
    };
  });

  function search(query) {
    var terms = fold(query).split(/\s+/).filter(Boolean);
    if (!terms.length) { return []; }
    var hits = [];
    entries.forEach(function (item) {
      for (var i = 0; i < terms.length; i++) {
        if (item.all.indexOf(terms[i]) < 0) { return; }
      }
      var score = 0;
      var matched = [];
      terms.forEach(function (term) {
        if (item.title.indexOf(term) === 0) { score += 20; } else if (item.title.indexOf(term) > 0) { score += 10; }
        item.foldedWords.forEach(function (w, j) {
          if (w.indexOf(term) >= 0) {
            score += 4;
            if (matched.indexOf(item.words[j]) < 0) { matched.push(item.words[j]); }
          }
        });
      });
      hits.push({ item: item, score: score, matched: matched });
    });
    hits.sort(function (a, b) {
      return b.score - a.score || (a.item.title < b.item.title ? -1 : a.item.title > b.item.title ? 1 : 0);
    });
    return hits.slice(0, 25);
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    if (text) { el.textContent = text; }
    return el;
  }

  function show() {
    var query = input.value;
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (!query.trim()) { box.hidden = true; status.textContent = ""; return; }
    var hits = search(query);
    status.textContent = hits.length ? "" : noResults;
    hits.forEach(function (hit) {
      var e = hit.item.entry;
      var a = element("a", "hit");
      a.href = root + e.p + ".html";
      a.appendChild(element("span", "hit-title", e.t));
      a.appendChild(element("span", "hit-kind", e.k));
      if (hit.matched.length) { a.appendChild(element("span", "hit-match", hit.matched.slice(0, 3).join(" · "))); }
      var li = element("li");
      li.appendChild(a);
      list.appendChild(li);
    });
    box.hidden = false;
  }

  input.addEventListener("input", show);
  input.addEventListener("focus", function () { if (input.value.trim()) { show(); } });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") {
      var first = list.querySelector("a");
      if (first) { first.focus(); event.preventDefault(); }
    } else if (event.key === "Escape") {
      box.hidden = true;
    } else if (event.key === "Enter") {
      var top = list.querySelector("a");
      if (top) { window.location.href = top.href; }
    }
  });
  list.addEventListener("keydown", function (event) {
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var i = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && i < links.length - 1) { links[i + 1].focus(); event.preventDefault(); }
    if (event.key === "ArrowUp") { (i > 0 ? links[i - 1] : input).focus(); event.preventDefault(); }
    if (event.key === "Escape") { box.hidden = true; input.focus(); }
  });
  document.addEventListener("click", function (event) {
    if (!box.contains(event.target) && event.target !== input) { box.hidden = true; }
  });
})();
