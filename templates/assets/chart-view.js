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
