// The handbook as readers meet it: scroll position, anchors under the
// sticky bar, legible charts that pan and zoom, chart files, contrast that
// axe can actually evaluate, reading aids, the phone layout, no script.
// Called by run.mjs with its helpers.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
/** Unit names in a chart's default view are at least this large (px). */
const MIN_NAME_PX = 9;

/** The rendered size of the smallest unit name in the page's chart, and where the chart is. */
async function chartText(page) {
  return page.evaluate(() => {
    const frame = document.querySelector(".chart-frame");
    const svg = frame && frame.querySelector("svg");
    if (!svg) return null;
    const k = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const f = frame.getBoundingClientRect();
    const names = [...svg.querySelectorAll("text.name")];
    const visible = names.filter((t) => {
      const r = t.getBoundingClientRect();
      return r.right > f.left && r.left < f.right && r.bottom > f.top && r.top < f.bottom;
    });
    // The size the charts' style gives a name (or its own), in screen px.
    const size = (t) => parseFloat(getComputedStyle(t).fontSize) * k;
    const root = svg.querySelector(".unit").getBoundingClientRect();
    return {
      min: Math.min(...names.map(size)),
      visible: visible.length,
      names: names.length,
      scale: Number(frame.getAttribute("data-scale")),
      frame: { width: f.width, height: f.height, left: f.left, right: f.right, top: f.top, bottom: f.bottom },
      chart: { width: svg.getBoundingClientRect().width, height: svg.getBoundingClientRect().height },
      root: { left: root.left, right: root.right, top: root.top, bottom: root.bottom },
      transform: svg.style.transform,
    };
  });
}

/** Contrast of two CSS colours `rgb(r, g, b)`. */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

export async function readerChecks({ open, check, assert, site, artifacts, axePath, chromium, executablePath }) {
  const sized = async (rel, viewport, options = {}) => {
    const opened = await open(rel, { ...options, viewport });
    return opened;
  };

  for (const rel of ["fte.html", "tasks.html", "bodies.html", "units/burgerzaken.html", "index.html"]) {
    await check(`reader: ${rel} opens at the top, also after a reload (1366x768)`, async () => {
      const { page, problems } = await sized(rel, DESKTOP);
      await page.waitForTimeout(100);
      assert((await page.evaluate(() => scrollY)) === 0, `opened ${await page.evaluate(() => scrollY)} px down`);
      const sidebar = await page.evaluate(() => {
        const s = document.getElementById("sidebar");
        const c = s.querySelector('[aria-current="page"]').getBoundingClientRect();
        const r = s.getBoundingClientRect();
        return { inside: c.top >= r.top && c.bottom <= r.bottom };
      });
      assert(sidebar.inside, "the current page's entry is not in view in the sidebar");
      await page.reload({ waitUntil: "load" });
      await page.waitForTimeout(100);
      assert((await page.evaluate(() => scrollY)) === 0, `after a reload ${await page.evaluate(() => scrollY)} px down`);
      await page.close();
      assert(problems.length === 0, problems.join("\n"));
    });
  }

  for (const [rel, link] of [
    ["tasks.html", '.letters a[href="#letter-h"]'],
    ["bodies.html", ".relations a"],
  ]) {
    await check(`reader: an anchor on ${rel} lands below the sticky top bar`, async () => {
      for (const viewport of [DESKTOP, PHONE]) {
        const { page } = await sized(rel, viewport);
        const a = page.locator(link).first();
        const target = (await a.getAttribute("href")).slice(1);
        await a.click();
        await page.waitForTimeout(300);
        const where = await page.evaluate((id) => ({
          bar: document.querySelector(".topbar").getBoundingClientRect().bottom,
          top: document.getElementById(id).getBoundingClientRect().top,
          y: scrollY,
        }), target);
        assert(where.y > 0, `${viewport.width}px: did not scroll to #${target}`);
        assert(where.top >= where.bar, `${viewport.width}px: #${target} at ${where.top}px, under the bar (ends at ${where.bar}px)`);
        await page.close();
      }
    });
  }

  await check("reader: the index chart uses the main area and names are legible at 1366x768", async () => {
    const { page } = await sized("index.html", DESKTOP);
    const t = await chartText(page);
    const column = await page.evaluate(() => {
      const c = document.getElementById("content");
      const style = getComputedStyle(c);
      return c.getBoundingClientRect().width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    });
    assert(t.min >= MIN_NAME_PX, `smallest unit name ${t.min.toFixed(2)} px`);
    assert(t.visible === t.names, `only ${t.visible} of ${t.names} names in view`);
    assert(t.frame.width >= column - 1, `frame ${t.frame.width}px narrower than the column ${column}px`);
    await page.screenshot({ path: path.join(artifacts, "reader-index-1366.png") });
    await page.close();
  });

  await check("reader: on a 1920 screen the chart is wider than the text column", async () => {
    const { page } = await sized("units/dirsa.html", { width: 1920, height: 1080 });
    const t = await chartText(page);
    const column = await page.evaluate(() => parseFloat(getComputedStyle(document.getElementById("content")).maxWidth));
    assert(t.frame.width > column, `frame ${t.frame.width}px, column ${column}px`);
    assert(t.frame.right <= 1920, `frame runs off the screen (${t.frame.right})`);
    assert((await page.evaluate(() => document.documentElement.scrollWidth)) <= 1920, "page scrolls sideways");
    await page.close();
  });

  await check("reader: on a 390x844 phone the chart opens legible on its top unit, the rest by panning", async () => {
    // What is asserted on the phone: names at 9 px or more in the default
    // view, the top unit's box wholly in view, the chart wider than its
    // frame (so the rest is reached by panning), no sideways page scroll.
    const { page } = await sized("index.html", PHONE);
    const t = await chartText(page);
    assert(t.min >= MIN_NAME_PX, `smallest unit name ${t.min.toFixed(2)} px`);
    assert(t.root.left >= t.frame.left && t.root.right <= t.frame.right && t.root.top >= t.frame.top,
      `top unit not in view: ${JSON.stringify(t.root)} in ${JSON.stringify(t.frame)}`);
    assert(t.chart.width > t.frame.width, "chart fits the phone: nothing to pan");
    assert((await page.evaluate(() => document.documentElement.scrollWidth)) <= PHONE.width, "page scrolls sideways");
    await page.locator(".chart-frame").scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, "reader-index-phone.png") });
    await page.close();
  });

  await check("reader: wheel, keys, drag and pinch move the chart; a click on a box still opens it", async () => {
    const { page, problems } = await sized("index.html", DESKTOP);
    const frame = page.locator(".chart-frame");
    const scale = async () => Number(await frame.getAttribute("data-scale"));
    const start = await scale();
    const box = await frame.boundingBox();
    // A plain wheel over an unfocused chart scrolls the page, not the chart.
    await page.mouse.move(box.x + box.width / 2, box.y + 100);
    await page.mouse.wheel(0, -200);
    await page.waitForTimeout(100);
    assert((await scale()) === start, "an unfocused chart took the wheel");
    assert(await page.locator(".chart-wheel-hint").isVisible(), "no hint on how to zoom");
    await frame.focus();
    await page.mouse.wheel(0, -300);
    await page.waitForTimeout(100);
    const wheeled = await scale();
    assert(wheeled > start, `wheel up: scale ${start} → ${wheeled}`);
    await page.keyboard.press("0");
    assert((await scale()) === start, "0 did not fit the chart again");
    await page.keyboard.press("+");
    const plus = await scale();
    assert(plus > start, `+: scale ${start} → ${plus}`);
    const before = (await chartText(page)).transform;
    await page.keyboard.press("ArrowRight");
    assert((await chartText(page)).transform !== before, "the arrow key did not move the chart");
    await page.keyboard.press("-");
    await page.keyboard.press("-");
    assert((await scale()) < plus, "- did not zoom out");
    await page.locator('.chart-zoom-button').first().click();
    assert((await scale()) > start * 0.99, "the + button did nothing");
    await page.keyboard.press("0");

    // Dragging from a box moves the chart and does not open the box.
    const unit = page.locator("svg #unit-vt");
    const ub = await unit.boundingBox();
    await page.mouse.move(ub.x + ub.width / 2, ub.y + 10);
    await page.mouse.down();
    await page.mouse.move(ub.x + ub.width / 2 - 80, ub.y - 40, { steps: 5 });
    await page.mouse.up();
    await page.waitForTimeout(200);
    assert(/index\.html$/.test(page.url()), `a drag opened ${page.url()}`);
    const moved = await unit.boundingBox();
    assert(Math.abs(moved.x - ub.x) > 20 || Math.abs(moved.y - ub.y) > 20, "the drag did not move the chart");

    // Two fingers apart zoom in (pointer events, as a touch screen sends them).
    await page.keyboard.press("0");
    const pinched = await page.evaluate(() => {
      const f = document.querySelector(".chart-frame");
      const r = f.getBoundingClientRect();
      const cx = r.left + r.width / 2;
      const cy = r.top + 150;
      const send = (type, id, x) => f.dispatchEvent(new PointerEvent(type, {
        pointerId: id, pointerType: "touch", isPrimary: id === 1, clientX: x, clientY: cy, bubbles: true, cancelable: true,
      }));
      const s0 = Number(f.getAttribute("data-scale"));
      send("pointerdown", 1, cx - 20);
      send("pointerdown", 2, cx + 20);
      for (let d = 20; d <= 80; d += 10) { send("pointermove", 1, cx - d); send("pointermove", 2, cx + d); }
      send("pointerup", 1, cx - 80);
      send("pointerup", 2, cx + 80);
      return [s0, Number(f.getAttribute("data-scale"))];
    });
    assert(pinched[1] > pinched[0] * 1.5, `pinch: scale ${pinched[0]} → ${pinched[1]}`);

    // A plain click on a box opens its page.
    await page.keyboard.press("0");
    await frame.focus();
    await page.keyboard.press("0");
    await Promise.all([page.waitForURL(/units\/vt\.html$/), unit.click()]);
    await page.close();
    assert(problems.length === 0, problems.join("\n"));
  });

  await check("reader: the chart's file links resolve (full size, PDF, PNG)", async () => {
    for (const rel of ["index.html", "units/dirsa.html", "bodies.html"]) {
      const { page } = await open(rel);
      const links = await page.$$eval(".chart-files a", (as) => as.map((a) => ({ cls: a.className, href: a.href })));
      const kinds = links.map((l) => l.cls).sort().join(" ");
      assert(kinds === "chart-open chart-pdf chart-png", `${rel}: links ${kinds}`);
      for (const l of links) {
        const file = fileURLToPath(l.href);
        assert(fs.existsSync(file), `${rel}: ${l.href} → no file`);
      }
      const open_ = links.find((l) => l.cls === "chart-open");
      await Promise.all([page.waitForURL(/\.svg$/), page.click(".chart-open")]);
      assert((await page.locator("svg").count()) > 0, `${rel}: the full-size link shows no SVG`);
      assert(page.url() === open_.href, `${rel}: opened ${page.url()}`);
      await page.close();
    }
  });

  // axe marks text as "incomplete" when it cannot tell the colour behind it
  // (a gradient, an image, text clipped by a scrolled container). Outside
  // the charts nothing may stay unchecked. The sidebar scrolls: what is out
  // of its view in one pass is checked with the sidebar scrolled the other way.
  async function unchecked(page) {
    await page.addScriptTag({ path: axePath });
    const pass = () => page.evaluate(async () => {
      const r = await window.axe.run({ exclude: [[".chart-frame"]] }, {
        runOnly: { type: "rule", values: ["color-contrast"] },
        resultTypes: ["incomplete", "violations"],
        preload: false,
      });
      return {
        incomplete: r.incomplete.flatMap((x) => x.nodes.map((n) => n.target.join(" ") + " :: " + (n.any[0] && n.any[0].message))),
        violations: r.violations.flatMap((x) => x.nodes.map((n) => n.target.join(" "))),
      };
    });
    await page.evaluate(() => { document.getElementById("sidebar").scrollTop = 0; });
    const top = await pass();
    await page.evaluate(() => { const s = document.getElementById("sidebar"); s.scrollTop = s.scrollHeight; });
    const bottom = await pass();
    const both = top.incomplete.filter((n) => bottom.incomplete.includes(n));
    return { incomplete: both, violations: [...new Set([...top.violations, ...bottom.violations])] };
  }
  for (const scheme of ["light", "dark"]) {
    await check(`reader: axe evaluates contrast of everything outside the charts (${scheme}, 1366x768)`, async () => {
      let checked = 0;
      for (const rel of ["index.html", "units/dirsa.html", "units/burgerzaken.html", "tasks.html", "fte.html", "bodies.html", "pages/missie.html"]) {
        const { page } = await sized(rel, DESKTOP, { colorScheme: scheme });
        const r = await unchecked(page);
        await page.close();
        assert(r.violations.length === 0, `${rel}: contrast violations ${r.violations.slice(0, 5).join(", ")}`);
        assert(r.incomplete.length === 0, `${rel}: ${r.incomplete.length} nodes unchecked:\n${r.incomplete.slice(0, 5).join("\n")}`);
        checked++;
      }
      assert(checked === 7, "pages skipped");
    });
  }

  await check("reader: headings have permalinks, long pages a table of contents and a way back up", async () => {
    const { page } = await open("units/dirsa.html");
    const permalink = page.locator("h2#posts a.permalink");
    assert((await permalink.getAttribute("href")) === "#posts", "no permalink on the posts heading");
    assert(/: /.test(await permalink.getAttribute("aria-label")), "the permalink has no accessible name");
    await permalink.focus();
    assert((await permalink.evaluate((a) => getComputedStyle(a).opacity)) === "1", "a focused permalink stays invisible");
    const toc = page.locator("nav.toc a");
    const n = await toc.count();
    assert(n >= 4, `table of contents with ${n} entries`);
    for (let i = 0; i < n; i++) {
      const id = (await toc.nth(i).getAttribute("href")).slice(1);
      assert((await page.locator(`[id="${id}"]`).count()) === 1, `toc entry #${id} leads nowhere`);
    }
    await page.close();
    const tasks = await open("tasks.html");
    assert((await tasks.page.locator("nav.toc").count()) === 0, "a table of contents beside the letters");
    const up = tasks.page.locator(".back-to-top a");
    await tasks.page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await up.click();
    await tasks.page.waitForTimeout(300);
    assert((await tasks.page.evaluate(() => scrollY)) === 0, "back to top did not go to the top");
    await tasks.page.close();
    const free = await open("pages/missie.html");
    const ids = await free.page.$$eval(".content h2", (hs) => hs.map((h) => h.id));
    assert(ids.length > 0 && ids.every(Boolean), `free page headings without ids: ${JSON.stringify(ids)}`);
    assert((await free.page.locator(".content h2 a.permalink").count()) === ids.length, "free page headings without permalinks");
    await free.page.close();
  });

  await check("reader: on a phone the search box is usable and wide tables say that they scroll", async () => {
    const { page } = await sized("fte.html", PHONE);
    const search = await page.locator("#search-input").boundingBox();
    assert(search.width >= 300, `search box ${search.width}px wide`);
    const wraps = await page.$$eval(".table-wrap", (ws) => ws.map((w) => ({
      scrolls: w.scrollWidth > w.clientWidth + 1,
      marked: w.classList.contains("scrolls"),
      focusable: w.tabIndex === 0,
      label: w.getAttribute("aria-label"),
      hint: !!(w.previousElementSibling && w.previousElementSibling.classList.contains("table-hint")),
    })));
    assert(wraps.some((w) => w.scrolls), "no table scrolls on the phone (nothing tested)");
    for (const w of wraps) {
      assert(w.scrolls === w.marked && w.scrolls === w.hint, `hint does not match: ${JSON.stringify(w)}`);
      if (w.scrolls) assert(w.focusable && w.label, `a scrolling table the keyboard cannot reach: ${JSON.stringify(w)}`);
    }
    await page.screenshot({ path: path.join(artifacts, "reader-fte-phone.png"), fullPage: true });
    await page.close();
  });

  await check("reader: the focus ring on the top bar has 3:1 contrast against it", async () => {
    const { page } = await sized("index.html", DESKTOP);
    await page.keyboard.press("Tab"); // skip link
    await page.keyboard.press("Tab"); // brand (the menu button is hidden on a desktop)
    const ring = await page.evaluate(() => {
      const el = document.activeElement;
      return {
        inBar: !!el.closest(".topbar"),
        outline: getComputedStyle(el).outlineColor,
        width: getComputedStyle(el).outlineWidth,
        bar: getComputedStyle(document.querySelector(".topbar")).backgroundColor,
      };
    });
    assert(ring.inBar, "focus is not in the top bar");
    const ratio = contrast(ring.outline, ring.bar);
    assert(parseFloat(ring.width) >= 2 && ratio >= 3, `focus ring ${ring.outline} on ${ring.bar}: ${ratio.toFixed(2)}:1`);
    await page.close();
  });

  await check("reader: without script the nested sidebar items are there to open", async () => {
    const browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
    const noScript = await browser.newContext({ javaScriptEnabled: false, viewport: DESKTOP });
    const page = await noScript.newPage();
    await page.goto(pathToFileURL(path.join(site, "units/dirsa.html")).href);
    const hidden = await page.$$eval(".nav-tree ul", (uls) => uls.filter((u) => u.offsetParent === null).length);
    assert(hidden === 0, `${hidden} nested lists cannot be opened without script`);
    const folds = await page.$$eval("button.fold", (bs) => bs.filter((b) => b.offsetParent !== null).length);
    assert(folds === 0, "fold buttons that do nothing without script");
    const chart = await page.locator(".chart-frame svg").boundingBox();
    assert(chart && chart.width > 0, "no chart without script");
    await browser.close();
  });
}
