window.ORGANOGRAM_LABELS = {"back_to_top":"Naar boven","fold":"Open of sluit","on_this_page":"Op deze pagina","permalink":"Link naar dit deel","result_many":"resultaten","result_one":"resultaat","search":"Zoeken","search_no_results":"Niets gevonden","search_placeholder":"Zoek een dienst, taak of persoon","table_scroll":"Tabel: schuif opzij voor meer kolommen","zoom_hint":"Ctrl + scrollen om te zoomen, of eerst in het schema klikken","zoom_in":"Inzoomen","zoom_out":"Uitzoomen","zoom_reset":"Passend"};
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

;
// organogram handbook: search over assets/search-index.js, offline, from file://.
// No dependencies. Matching is exact, by prefix, inside a word (Dutch
// compounds: "zaken" in "burgerzaken"), or within an edit distance of 1 or 2
// depending on the word's length, ranked in that order and by the field the
// word is in (a unit's name above its description). The hit is highlighted
// on the page it opens (`?q=`), "/" focuses the box and Escape clears it.
// The box is made here (without script there is no search to offer), and
// the index is read when the reader first goes to the box, not with every
// page: for a large organisation it is megabytes.
(function () {
  "use strict";
  var labels = window.ORGANOGRAM_LABELS || {};
  var data = null;
  var root = document.body.getAttribute("data-root") || "";

  // Runs `then` once the index is read (a script, as file:// allows no fetch).
  var waiting = null;
  function withIndex(then) {
    if (!data && window.ORGANOGRAM_SEARCH) { data = window.ORGANOGRAM_SEARCH; }
    if (data) { then(); return; }
    if (waiting) { waiting.push(then); return; }
    waiting = [then];
    var script = document.createElement("script");
    script.src = root + "assets/search-index.js";
    script.onload = function () {
      data = window.ORGANOGRAM_SEARCH || { k: [], d: [] };
      var calls = waiting;
      waiting = null;
      calls.forEach(function (call) { call(); });
    };
    script.onerror = function () { waiting = null; };
    document.head.appendChild(script);
  }

  // Weights of the title and of the fields, in the order of the index file.
  var FIELD_WEIGHT = [10, 6, 4, 3, 1];
  var MATCH_WEIGHT = { exact: 1, prefix: 0.7, infix: 0.45, fuzzy1: 0.4, fuzzy2: 0.25 };
  var MAX_HITS = 25;

  // Lower case without accents ("Éénloket" → "eenloket"); plain ASCII,
  // most of an index, skips the slower Unicode steps.
  var NON_ASCII = /[^\x00-\x7f]/;
  function fold(text) {
    text = String(text);
    if (!NON_ASCII.test(text)) { return text.toLowerCase(); }
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  // Words: runs of letters and digits, after folding.
  var WORD = /[\p{L}\p{N}]+/gu;
  var ASCII_WORD = /[a-z0-9]+/g;
  function words(text) {
    var folded = fold(text);
    return folded.match(NON_ASCII.test(folded) ? WORD : ASCII_WORD) || [];
  }

  // How many typos a word of this length may have, as minisearch and fuse allow.
  function allowed(term) {
    return term.length < 4 ? 0 : term.length < 7 ? 1 : 2;
  }

  // Edit distance between `a` and the closest prefix of `b`, or more than
  // `max` (the rows stop early once every cell is above it).
  function prefixDistance(a, b, max) {
    var m = a.length;
    var n = Math.min(b.length, m + max);
    var prev = new Array(n + 1);
    var cur = new Array(n + 1);
    for (var j = 0; j <= n; j++) { prev[j] = j; }
    for (var i = 1; i <= m; i++) {
      cur[0] = i;
      var rowMin = i;
      for (j = 1; j <= n; j++) {
        var cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (cur[j] < rowMin) { rowMin = cur[j]; }
      }
      if (rowMin > max) { return max + 1; }
      var t = prev; prev = cur; cur = t;
    }
    var best = max + 1;
    for (j = 0; j <= n; j++) { if (prev[j] < best) { best = prev[j]; } }
    return best;
  }

  // How `term` (typed) matches `word` (in the text): a key of MATCH_WEIGHT, or null.
  function matchOf(term, word) {
    if (word === term) { return "exact"; }
    if (word.lastIndexOf(term, 0) === 0) { return "prefix"; }
    if (term.length >= 4 && word.indexOf(term) > 0) { return "infix"; }
    var max = allowed(term);
    if (!max || word.length < term.length - max) { return null; }
    // A typo in the first letter is rare: words that do not start like the
    // term (allowing for a swap of the first two letters) are not compared,
    // which keeps a search of a large index fast.
    var w0 = word.charCodeAt(0), t0 = term.charCodeAt(0);
    if (w0 !== t0 && w0 !== term.charCodeAt(1) && word.charCodeAt(1) !== t0) { return null; }
    var d = prefixDistance(term, word, max);
    return d === 0 ? "prefix" : d === 1 ? "fuzzy1" : d <= max ? "fuzzy2" : null;
  }

  // The index: every word once, with the places it occurs (entry, field,
  // item). Made on the first search, so that pages open without the cost.
  var docs = null, postings = null, vocabulary = null;
  function load() {
    if (docs || !data) { return; }
    docs = data.d.map(function (d) {
      var fields = [[d[0]]];
      for (var f = 3; f < d.length; f++) { fields.push(d[f] ? String(d[f]).split("\n") : []); }
      return { title: d[0], path: d[1], kind: data.k[d[2]] || "", fields: fields };
    });
    postings = new Map();
    docs.forEach(function (doc, di) {
      doc.fields.forEach(function (items, fi) {
        items.forEach(function (item, ii) {
          words(item).forEach(function (w) {
            var list = postings.get(w);
            if (!list) { list = []; postings.set(w, list); }
            list.push(di, fi, ii);
          });
        });
      });
    });
    vocabulary = Array.from(postings.keys());
  }

  // Words of the index that a typed term matches, with the match's weight.
  var termCache = new Map();
  function expand(term) {
    var hit = termCache.get(term);
    if (hit) { return hit; }
    hit = [];
    for (var i = 0; i < vocabulary.length; i++) {
      var kind = matchOf(term, vocabulary[i]);
      if (kind) { hit.push({ word: vocabulary[i], weight: MATCH_WEIGHT[kind] }); }
    }
    if (termCache.size > 200) { termCache.clear(); }
    termCache.set(term, hit);
    return hit;
  }

  function search(query) {
    var terms = words(query);
    if (!terms.length) { return []; }
    load();
    if (!docs) { return []; }
    // Per entry: the best score of each term, and the items that matched.
    var found = new Map();
    terms.forEach(function (term, ti) {
      expand(term).forEach(function (m) {
        var list = postings.get(m.word);
        for (var k = 0; k < list.length; k += 3) {
          var di = list[k], fi = list[k + 1], ii = list[k + 2];
          var score = m.weight * FIELD_WEIGHT[fi];
          var e = found.get(di);
          if (!e) { e = { best: new Float64Array(terms.length), items: [] }; found.set(di, e); }
          if (score > e.best[ti]) { e.best[ti] = score; }
          if (fi > 0) { e.items.push(fi * 65536 + ii); }
        }
      });
    });
    var hits = [];
    var whole = terms.join(" ");
    found.forEach(function (e, di) {
      var matched = 0, score = 0;
      for (var t = 0; t < e.best.length; t++) { if (e.best[t] > 0) { matched++; score += e.best[t]; } }
      // The title is what was typed, or starts with it: that entry first.
      var title = words(docs[di].title).join(" ");
      if (title === whole) { score += 10; } else if (title.lastIndexOf(whole, 0) === 0) { score += 3; }
      hits.push({ doc: docs[di], matched: matched, score: score, items: e.items });
    });
    // Entries that match every term first; among them the best score.
    var all = hits.filter(function (h) { return h.matched === terms.length; });
    var pool = all.length ? all : hits;
    pool.sort(function (a, b) {
      return b.matched - a.matched || b.score - a.score ||
        (a.doc.title < b.doc.title ? -1 : a.doc.title > b.doc.title ? 1 : 0);
    });
    return pool.slice(0, MAX_HITS).map(function (h) {
      // Items that only repeat the title (an id, a short name) say nothing new.
      var title = " " + words(h.doc.title).join(" ") + " ";
      var seen = {};
      h.snippets = h.items.filter(function (key) {
        return seen[key] ? false : (seen[key] = true);
      }).map(function (key) {
        return h.doc.fields[Math.floor(key / 65536)][key % 65536];
      }).filter(function (item) {
        return title.indexOf(" " + words(item).join(" ") + " ") < 0;
      }).slice(0, 3);
      h.terms = terms;
      return h;
    });
  }

  // Appends `text` to `parent` with the words that match `terms` in <mark>.
  function appendMarked(parent, text, terms) {
    var last = 0;
    var re = /[\p{L}\p{N}]+/gu;
    var m;
    while ((m = re.exec(text))) {
      if (matchesAny(m[0], terms)) {
        if (m.index > last) { parent.appendChild(document.createTextNode(text.slice(last, m.index))); }
        var mark = document.createElement("mark");
        mark.textContent = m[0];
        parent.appendChild(mark);
        last = m.index + m[0].length;
      }
    }
    if (last < text.length) { parent.appendChild(document.createTextNode(text.slice(last))); }
  }
  function matchesAny(word, terms) {
    var w = fold(word);
    for (var i = 0; i < terms.length; i++) { if (matchOf(terms[i], w)) { return true; } }
    return false;
  }

  function hrefOf(path, query) {
    var hash = "";
    var at = path.indexOf("#");
    if (at >= 0) { hash = path.slice(at); path = path.slice(0, at); }
    return root + path + ".html?q=" + encodeURIComponent(query) + hash;
  }

  function element(tag, attributes) {
    var e = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) { e.setAttribute(name, attributes[name]); });
    return e;
  }

  // The search box, in the top bar's place for it.
  var slot = document.querySelector(".topbar .search");
  if (slot) {
    slot.setAttribute("role", "search");
    var label = element("label", { "class": "visually-hidden", "for": "search-input" });
    label.textContent = labels.search || "";
    var input = element("input", {
      id: "search-input", type: "search", placeholder: labels.search_placeholder || "",
      autocomplete: "off", spellcheck: "false", "aria-controls": "search-results", "aria-keyshortcuts": "/"
    });
    var box = element("div", { id: "search-results", "class": "search-results" });
    box.hidden = true;
    var status = element("p", { "class": "search-status", role: "status" });
    var list = document.createElement("ul");
    box.appendChild(status);
    box.appendChild(list);
    slot.appendChild(label);
    slot.appendChild(input);
    slot.appendChild(box);
    var noResults = labels.search_no_results || "";
    var one = labels.result_one || "";
    var many = labels.result_many || "";

    var show = function () {
      var query = input.value;
      while (list.firstChild) { list.removeChild(list.firstChild); }
      if (!query.trim()) { box.hidden = true; status.textContent = ""; return; }
      if (!data) { withIndex(show); return; }
      var hits = search(query);
      status.textContent = hits.length ? hits.length + " " + (hits.length === 1 ? one : many) : noResults;
      hits.forEach(function (hit) {
        var a = document.createElement("a");
        a.className = "hit";
        a.href = hrefOf(hit.doc.path, query);
        var title = document.createElement("span");
        title.className = "hit-title";
        appendMarked(title, hit.doc.title, hit.terms);
        a.appendChild(title);
        var kind = document.createElement("span");
        kind.className = "hit-kind";
        kind.textContent = hit.doc.kind;
        a.appendChild(kind);
        if (hit.snippets.length) {
          var match = document.createElement("span");
          match.className = "hit-match";
          hit.snippets.forEach(function (s, i) {
            if (i) { match.appendChild(document.createTextNode(" · ")); }
            appendMarked(match, s.length > 120 ? s.slice(0, 119) + "…" : s, hit.terms);
          });
          a.appendChild(match);
        }
        var li = document.createElement("li");
        li.appendChild(a);
        list.appendChild(li);
      });
      box.hidden = false;
    };
    var hide = function () { box.hidden = true; };
    var clear = function () { input.value = ""; show(); };

    input.addEventListener("input", show);
    input.addEventListener("focus", function () { withIndex(function () { if (input.value.trim()) { show(); } }); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        var first = list.querySelector("a");
        if (first) { first.focus(); event.preventDefault(); }
      } else if (event.key === "Escape") {
        if (input.value) { clear(); } else { hide(); input.blur(); }
        event.preventDefault();
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
      if (event.key === "Escape") { hide(); input.focus(); event.preventDefault(); }
    });
    document.addEventListener("click", function (event) {
      if (!box.contains(event.target) && event.target !== input) { hide(); }
    });
    // "/" focuses the search box, unless the reader is typing somewhere.
    document.addEventListener("keydown", function (event) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) { return; }
      var t = event.target;
      var tag = t && t.tagName;
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) { return; }
      event.preventDefault();
      input.focus();
      input.select();
    });
  }

  // Arrived from a search hit: mark what was searched in the page's content,
  // and bring the first mark into view below the sticky header.
  var query = new URLSearchParams(window.location.search).get("q");
  var content = document.getElementById("content");
  if (query && content) {
    var terms = words(query);
    var skip = "script,style,svg,mark,.breadcrumb,.pager,button";
    var walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var parent = node.parentElement;
        if (!parent || parent.closest(skip)) { return NodeFilter.FILTER_REJECT; }
        return hasMatch(node.nodeValue, terms) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) { nodes.push(walker.currentNode); }
    nodes.forEach(function (node) {
      var frag = document.createDocumentFragment();
      appendMarked(frag, node.nodeValue, terms);
      node.parentNode.replaceChild(frag, node);
    });
    var marks = content.querySelectorAll("mark");
    Array.prototype.forEach.call(marks, function (m) { m.classList.add("search-hit"); });
    // A hit that leads to an anchor (a body's card) is already in place.
    if (marks.length && !window.location.hash) {
      marks[0].scrollIntoView({ block: "center" });
    }
  }
  function hasMatch(text, terms) {
    var found = text.match(/[\p{L}\p{N}]+/gu) || [];
    for (var i = 0; i < found.length; i++) { if (matchesAny(found[i], terms)) { return true; } }
    return false;
  }

  // For the browser test and for anyone scripting the page.
  window.organogramSearch = search;
})();

;
// organogram handbook: pan and zoom for the chart of a page. No dependencies;
// works from file://.
//
// The chart keeps its own size and viewBox; a CSS transform moves and scales
// it inside its frame, so the print stylesheet (which drops the transform)
// always prints the whole chart, and the boxes stay ordinary links.
//
// The default view shows the whole chart when its unit names stay legible
// (MIN_NAME_PX); a larger chart opens at the legible scale on its top unit,
// and the rest is reached by dragging. Mouse: drag, Ctrl + wheel (a plain
// wheel zooms once the chart has focus, else it scrolls the page). Touch:
// drag sideways, pinch; after a tap the chart takes every drag. Keyboard on
// the focused chart: + and - zoom, the arrows move, 0 fits again.
(function () {
  "use strict";
  var labels = window.ORGANOGRAM_LABELS || {};
  var MIN_NAME_PX = 9.6;
  var MAX_SCALE = 4;
  var STEP = 1.25;
  var PAN_PX = 60;
  var DRAG_THRESHOLD_PX = 4;

  function button(label, text, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "chart-zoom-button";
    b.setAttribute("aria-label", label);
    b.title = label;
    b.textContent = text;
    b.addEventListener("click", onClick);
    return b;
  }

  function topbarHeight() {
    var bar = document.querySelector(".topbar");
    return bar ? bar.getBoundingClientRect().height : 0;
  }

  function setUp(frame) {
    var svg = frame.querySelector("svg");
    if (!svg) { return; }
    var box = svg.viewBox && svg.viewBox.baseVal;
    var width = (box && box.width) || parseFloat(svg.getAttribute("width"));
    var height = (box && box.height) || parseFloat(svg.getAttribute("height"));
    if (!(width > 0 && height > 0)) { return; }

    // The smallest unit name decides what "legible" means for this chart.
    var nameSize = Infinity;
    Array.prototype.forEach.call(svg.querySelectorAll("text.name"), function (t) {
      // From the charts' style, or the name's own (a rare other size).
      var size = parseFloat(window.getComputedStyle(t).fontSize);
      if (size > 0 && size < nameSize) { nameSize = size; }
    });
    var legible = isFinite(nameSize) ? MIN_NAME_PX / nameSize : 0;

    frame.classList.add("zoomable");
    svg.style.width = width + "px";
    svg.style.height = height + "px";

    var view = { s: 1, x: 0, y: 0 };
    var home = { s: 1, x: 0, y: 0 };
    var smallest = 1;
    var touched = false;

    function clampView() {
      var w = frame.clientWidth;
      var h = frame.clientHeight;
      var cw = width * view.s;
      var ch = height * view.s;
      view.x = cw <= w ? Math.min(Math.max(view.x, 0), w - cw) : Math.min(Math.max(view.x, w - cw), 0);
      view.y = ch <= h ? Math.min(Math.max(view.y, 0), h - ch) : Math.min(Math.max(view.y, h - ch), 0);
    }

    function apply() {
      clampView();
      svg.style.transform = "translate(" + view.x + "px, " + view.y + "px) scale(" + view.s + ")";
      frame.setAttribute("data-scale", view.s.toFixed(4));
    }

    // The top unit's box: the first box of the chart.
    function rootCentre() {
      var first = svg.querySelector(".unit rect, .unit path");
      if (first && first.getBBox) {
        var b = first.getBBox();
        return b.x + b.width / 2;
      }
      return width / 2;
    }

    function layout() {
      var w = frame.clientWidth;
      var maxHeight = Math.max(320, window.innerHeight - topbarHeight() - 96);
      var fit = Math.min(1, w / width, maxHeight / height);
      var s = Math.max(fit, legible);
      smallest = Math.min(fit, s);
      frame.style.height = Math.ceil(Math.min(height * s, maxHeight)) + "px";
      home = { s: s, x: 0, y: 0 };
      if (width * s <= w) {
        home.x = (w - width * s) / 2;
      } else {
        home.x = w / 2 - rootCentre() * s;
      }
      if (!touched) {
        view = { s: home.s, x: home.x, y: home.y };
      }
      apply();
    }

    function reset() {
      touched = false;
      view = { s: home.s, x: home.x, y: home.y };
      apply();
    }

    // Zooms by `factor`, keeping the point (px, py) of the frame in place.
    function zoomAt(factor, px, py) {
      var s = Math.min(Math.max(view.s * factor, smallest), MAX_SCALE);
      view.x = px - (px - view.x) * (s / view.s);
      view.y = py - (py - view.y) * (s / view.s);
      view.s = s;
      touched = true;
      apply();
    }
    function zoomCentre(factor) {
      zoomAt(factor, frame.clientWidth / 2, frame.clientHeight / 2);
    }
    function pan(dx, dy) {
      view.x += dx;
      view.y += dy;
      touched = true;
      apply();
    }

    var tools = document.createElement("div");
    tools.className = "chart-zoom-tools";
    tools.appendChild(button(labels.zoom_in || "+", "+", function () { zoomCentre(STEP); }));
    tools.appendChild(button(labels.zoom_out || "-", "\u2212", function () { zoomCentre(1 / STEP); }));
    tools.appendChild(button(labels.zoom_reset || "0", "\u2922", reset));
    frame.appendChild(tools);

    // A plain wheel over a chart without focus scrolls the page (a chart
    // must not trap the reader who scrolls past it); a hint says how to zoom.
    var hint = document.createElement("p");
    hint.className = "chart-wheel-hint";
    hint.setAttribute("aria-hidden", "true");
    hint.textContent = labels.zoom_hint || "";
    hint.hidden = true;
    frame.appendChild(hint);
    var hintTimer = 0;
    function showHint() {
      if (!hint.textContent) { return; }
      hint.hidden = false;
      clearTimeout(hintTimer);
      hintTimer = setTimeout(function () { hint.hidden = true; }, 1500);
    }

    frame.addEventListener("wheel", function (event) {
      if (!(event.ctrlKey || event.metaKey || frame.contains(document.activeElement))) {
        showHint();
        return;
      }
      hint.hidden = true;
      event.preventDefault();
      var r = frame.getBoundingClientRect();
      var delta = event.deltaMode === 1 ? event.deltaY * 20 : event.deltaY;
      zoomAt(Math.exp(-delta * 0.002), event.clientX - r.left, event.clientY - r.top);
    }, { passive: false });

    frame.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) { return; }
      var handled = true;
      switch (event.key) {
        case "+": case "=": zoomCentre(STEP); break;
        case "-": case "_": zoomCentre(1 / STEP); break;
        case "0": reset(); break;
        case "ArrowLeft": pan(PAN_PX, 0); break;
        case "ArrowRight": pan(-PAN_PX, 0); break;
        case "ArrowUp": pan(0, PAN_PX); break;
        case "ArrowDown": pan(0, -PAN_PX); break;
        default: handled = false;
      }
      if (handled) { event.preventDefault(); }
    });

    // A box reached with Tab is moved into view.
    frame.addEventListener("focusin", function (event) {
      var target = event.target;
      if (!target.closest || !target.closest("svg")) { return; }
      var f = frame.getBoundingClientRect();
      var b = target.getBoundingClientRect();
      var dx = 0;
      var dy = 0;
      if (b.left < f.left || b.right > f.right) { dx = (f.left + f.width / 2) - (b.left + b.width / 2); }
      if (b.top < f.top || b.bottom > f.bottom) { dy = (f.top + f.height / 2) - (b.top + b.height / 2); }
      if (dx || dy) { pan(dx, dy); }
    });

    // Dragging and pinching; a drag never ends in a click on a box.
    var pointers = {};
    var start = null;
    var pinch = null;
    var dragged = false;

    function count() { return Object.keys(pointers).length; }
    function pair() {
      var ids = Object.keys(pointers);
      var a = pointers[ids[0]];
      var b = pointers[ids[1]];
      var r = frame.getBoundingClientRect();
      return {
        d: Math.max(1, Math.hypot(a.x - b.x, a.y - b.y)),
        x: (a.x + b.x) / 2 - r.left,
        y: (a.y + b.y) / 2 - r.top
      };
    }
    function startDrag(x, y) {
      start = { x: x, y: y, vx: view.x, vy: view.y };
    }

    frame.addEventListener("pointerdown", function (event) {
      if (event.pointerType === "mouse" && event.button !== 0) { return; }
      if (tools.contains(event.target)) { return; }
      if (!count()) { dragged = false; }
      pointers[event.pointerId] = { x: event.clientX, y: event.clientY };
      if (count() === 1) {
        startDrag(event.clientX, event.clientY);
      } else if (count() === 2) {
        var p = pair();
        pinch = { d: p.d, x: p.x, y: p.y, s: view.s, vx: view.x, vy: view.y };
      }
    });
    frame.addEventListener("pointermove", function (event) {
      var p0 = pointers[event.pointerId];
      if (!p0) { return; }
      p0.x = event.clientX;
      p0.y = event.clientY;
      if (count() === 1 && start) {
        var dx = event.clientX - start.x;
        var dy = event.clientY - start.y;
        if (!dragged && Math.hypot(dx, dy) < DRAG_THRESHOLD_PX) { return; }
        if (!dragged) {
          dragged = true;
          frame.classList.add("dragging");
          if (frame.setPointerCapture) { frame.setPointerCapture(event.pointerId); }
        }
        view.x = start.vx + dx;
        view.y = start.vy + dy;
        touched = true;
        apply();
      } else if (count() === 2 && pinch) {
        var p = pair();
        var s = Math.min(Math.max(pinch.s * p.d / pinch.d, smallest), MAX_SCALE);
        // The chart point under the first midpoint follows the fingers.
        view.x = p.x - (pinch.x - pinch.vx) * (s / pinch.s);
        view.y = p.y - (pinch.y - pinch.vy) * (s / pinch.s);
        view.s = s;
        dragged = true;
        touched = true;
        apply();
      }
    });
    function end(event) {
      if (!pointers[event.pointerId]) { return; }
      delete pointers[event.pointerId];
      pinch = null;
      var ids = Object.keys(pointers);
      if (ids.length === 1) {
        startDrag(pointers[ids[0]].x, pointers[ids[0]].y);
      } else if (!ids.length) {
        start = null;
        frame.classList.remove("dragging");
      }
    }
    frame.addEventListener("pointerup", end);
    frame.addEventListener("pointercancel", end);
    frame.addEventListener("click", function (event) {
      if (dragged) {
        event.preventDefault();
        event.stopPropagation();
        dragged = false;
      }
    }, true);

    layout();
    var pending = 0;
    window.addEventListener("resize", function () {
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(layout);
    });
  }

  function scrollbar() {
    var width = window.innerWidth - document.documentElement.clientWidth;
    document.documentElement.style.setProperty("--scrollbar-width", Math.max(0, width) + "px");
  }
  scrollbar();
  window.addEventListener("resize", scrollbar);
  Array.prototype.forEach.call(document.querySelectorAll("figure.chart-frame"), setUp);
})();

;
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

;
