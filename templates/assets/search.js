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
