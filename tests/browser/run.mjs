// Drives headless Chromium over a built handbook site (OUT/html) from file://.
//
//   node run.mjs SITE_DIR ARTIFACTS_DIR
//
// Checks: every page loads without console errors or failed requests; axe-core
// finds no WCAG 2.1 A/AA violations (light and dark colour schemes); searching
// "huwelijk" finds Afdeling burgerzaken and the hit opens its page; clicking the
// DirSa box in the index chart opens the DirSa page; the print layout fits a
// unit's chart on the page; and the reader checks of reader.mjs (scroll
// position, anchors, chart legibility, pan and zoom, chart files, contrast
// axe can evaluate, reading aids, phone layout, no script). Saves
// screenshots and a PDF in ARTIFACTS_DIR.
// Ends with a line "N passed, M failed" and exits non-zero on any failure.

import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { searchChecks } from "./search-checks.mjs";
import { readerChecks } from "./reader.mjs";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const axePath = require.resolve("axe-core/axe.min.js");

const [siteArg, artifactsArg] = process.argv.slice(2);
if (!siteArg || !artifactsArg) {
  console.error("usage: node run.mjs SITE_DIR ARTIFACTS_DIR");
  process.exit(2);
}
const site = path.resolve(siteArg);
const artifacts = path.resolve(artifactsArg);
fs.mkdirSync(artifacts, { recursive: true });
const executablePath = process.env.ORGANOGRAM_CHROMIUM || "/usr/bin/chromium";
const url = (rel) => pathToFileURL(path.join(site, rel)).href;

function htmlFiles(dir, prefix = "") {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...htmlFiles(path.join(dir, entry.name), rel));
    else if (entry.name.endsWith(".html")) out.push(rel);
  }
  return out;
}

let passed = 0;
let failed = 0;
const results = [];
async function check(name, fn) {
  const started = Date.now();
  try {
    await fn();
    passed++;
    results.push({ name, ok: true, ms: Date.now() - started });
    console.log(`ok    ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    failed++;
    results.push({ name, ok: false, error: String(e && e.message || e) });
    console.log(`FAIL  ${name}\n      ${String(e && e.message || e).split("\n").join("\n      ")}`);
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const userDataDir = fs.mkdtempSync(path.join(artifacts, "profile-"));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath,
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
context.setDefaultTimeout(15000);

/** Opens a page, recording console errors, page errors and failed requests. */
async function open(rel, options = {}) {
  const page = await context.newPage();
  const problems = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("requestfailed", (req) => problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
  page.on("request", (req) => {
    if (!req.url().startsWith("file:") && !req.url().startsWith("data:")) problems.push(`external request: ${req.url()}`);
  });
  if (options.colorScheme) await page.emulateMedia({ colorScheme: options.colorScheme });
  if (options.viewport) await page.setViewportSize(options.viewport);
  await page.goto(url(rel), { waitUntil: "load" });
  return { page, problems };
}

async function axe(page) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      resultTypes: ["violations"],
      // No CSSOM preload: on file:// it would fetch the stylesheets by XHR,
      // which the browser refuses (and logs), though the page itself is fine.
      preload: false,
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ") + " :: " + n.failureSummary),
    }));
  });
}

const pages = htmlFiles(site);
const typical = ["index.html", "units/dirsa.html", "units/burgerzaken.html", "tasks.html", "fte.html", "bodies.html"]
  .filter((p) => pages.includes(p));
const axeReport = {};

try {
  await check(`site has pages (${pages.length})`, async () => {
    assert(pages.includes("index.html"), "no index.html");
    assert(pages.some((p) => p.startsWith("units/")), "no unit pages");
  });

  for (const rel of pages) {
    await check(`loads cleanly, axe clean: ${rel}`, async () => {
      const { page, problems } = await open(rel);
      const title = await page.title();
      assert(title.length > 0, "empty <title>");
      const violations = await axe(page);
      axeReport[rel] = violations;
      await page.close();
      assert(problems.length === 0, problems.join("\n"));
      assert(violations.length === 0, JSON.stringify(violations, null, 2));
    });
  }

  for (const rel of typical) {
    await check(`axe clean in dark mode: ${rel}`, async () => {
      const { page, problems } = await open(rel, { colorScheme: "dark" });
      const violations = await axe(page);
      await page.close();
      assert(problems.length === 0, problems.join("\n"));
      assert(violations.length === 0, JSON.stringify(violations, null, 2));
    });
  }

  await check('search "huwelijk" finds Afdeling burgerzaken and opens it', async () => {
    const { page, problems } = await open("index.html");
    await page.fill("#search-input", "huwelijk");
    const hit = page.locator("#search-results a", { hasText: "Afdeling burgerzaken" }).first();
    await hit.waitFor({ state: "visible" });
    const match = await hit.textContent();
    assert(/Huwelijk en echtscheiding/.test(match), `hit does not show the matched task: ${match}`);
    await page.screenshot({ path: path.join(artifacts, "search.png") });
    await Promise.all([page.waitForURL(/units\/burgerzaken\.html\?q=huwelijk$/), hit.click()]);
    const h1 = await page.locator("h1").textContent();
    assert(/Afdeling burgerzaken/.test(h1), `landed on "${h1}"`);
    await page.close();
    assert(problems.length === 0, problems.join("\n"));
  });

  await check("search from a unit page links back up correctly", async () => {
    const { page } = await open("units/burgerzaken.html");
    await page.fill("#search-input", "samen leven");
    const hit = page.locator("#search-results a", { hasText: "Directie Samen Leven" }).first();
    await Promise.all([page.waitForURL(/units\/dirsa\.html\?q=samen%20leven$/), hit.click()]);
    await page.close();
  });

  // Search and the overview pages' content: tests/browser/search-checks.mjs.
  await searchChecks({ check, open, assert, axe, artifacts, path });

  await check("clicking the Vrije Tijd box in the index chart opens its page", async () => {
    const { page, problems } = await open("index.html");
    const box = page.locator("svg #unit-vt").first();
    await box.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, "index.png"), fullPage: true });
    await Promise.all([page.waitForURL(/units\/vt\.html$/), box.click()]);
    const h1 = await page.locator("h1").textContent();
    assert(/Vrije Tijd/.test(h1), `landed on "${h1}"`);
    await page.close();
    assert(problems.length === 0, problems.join("\n"));
  });

  await check("a unit page's footer shows the date and revision of build-info.js", async () => {
    const { page, problems } = await open("units/burgerzaken.html");
    const time = page.locator('.site-footer [data-build="date"] time');
    assert(/^\d{4}-\d{2}-\d{2}$/.test(await time.getAttribute("datetime")), "no date in the footer");
    const revision = page.locator('.site-footer [data-build="revision"]');
    assert(await revision.isVisible(), "the revision stays hidden");
    const code = await revision.locator("code").textContent();
    const overview = await open("index.html");
    const shown = await overview.page.locator(".site-footer code").textContent();
    assert(code && code === shown, `footer revision "${code}", the overview's "${shown}"`);
    await overview.page.close();
    await page.close();
    assert(problems.length === 0, problems.join("\n"));
  });

  await check("the navigation tree folds and unfolds", async () => {
    const { page } = await open("units/burgerzaken.html");
    const button = page.locator('button.fold[aria-controls="nav-dirsa"]');
    assert((await button.getAttribute("aria-expanded")) === "true", "ancestor branch not open");
    await button.click();
    assert((await page.locator("#nav-dirsa").isHidden()), "branch did not fold");
    await button.click();
    assert((await page.locator("#nav-dirsa").isVisible()), "branch did not unfold");
    await page.close();
  });

  await check("unit page screenshots (light and dark)", async () => {
    for (const scheme of ["light", "dark"]) {
      const { page } = await open("units/dirsa.html", { colorScheme: scheme });
      await page.screenshot({ path: path.join(artifacts, `unit-dirsa-${scheme}.png`), fullPage: true });
      await page.close();
    }
  });

  await check("print layout fits the unit chart on the page", async () => {
    // A4 less 1.5 cm margins, at 96 px per inch: the print stylesheet's page box.
    const cm = 96 / 2.54;
    const width = Math.floor((21 - 3) * cm);
    const height = Math.floor((29.7 - 3) * cm);
    for (const rel of ["units/dirsa.html", "index.html", "units/seg.html"]) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ media: "print" });
      await page.goto(url(rel));
      const box = await page.locator(".chart-frame svg").first().boundingBox();
      assert(box, `${rel}: no chart`);
      assert(box.width <= width + 0.5, `${rel}: chart ${box.width}px wide, page ${width}px`);
      assert(box.height <= height + 0.5, `${rel}: chart ${box.height}px high, page ${height}px`);
      const hidden = await page.locator(".sidebar").isHidden();
      assert(hidden, `${rel}: sidebar printed`);
      if (rel === "units/dirsa.html") {
        await page.pdf({ path: path.join(artifacts, "unit-dirsa.pdf"), format: "A4", printBackground: true });
      }
      await page.close();
    }
  });

  // ---- The handbook as readers meet it (tests/browser/reader.mjs) ----
  await readerChecks({ context, open, check, assert, site, artifacts, axePath, chromium, executablePath });
} finally {
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
  fs.writeFileSync(path.join(artifacts, "report.json"), JSON.stringify({ results, axe: axeReport }, null, 2));
}

console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
