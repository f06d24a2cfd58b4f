// Browser checks of the search and of the overview pages' content, run by
// run.mjs with its helpers: what a reader finds for a typo, a holder, a body
// and "VTE"; the hit marked on the page it opens; "/" and Escape; the
// governance diagram's boxes opening their cards; the FTE table's sum.

export async function searchChecks({ check, open, assert, axe, artifacts, path }) {
  /** Types `query` into the search box of `page`; the hits' texts. */
  async function search(page, query) {
    await page.fill("#search-input", query);
    await page.locator("#search-results a").first().waitFor({ state: "visible" });
    return page.locator("#search-results a").allTextContents();
  }

  const finds = [
    ["huwlijk", /^Afdeling burgerzaken/, "a typo of huwelijk"],
    ["burgerzakken", /^Afdeling burgerzaken/, "a typo of burgerzaken"],
    ["Erik Laga", /^Stad en Sociaal Huis/, "a holder's name"],
    ["college", /^College van burgemeester en schepenen/, "a governance body"],
    ["burgemeester", /^Burgemeester/, "the mayor"],
    ["VTE", /^VTE-overzicht/, "the FTE overview"],
    ["vacature", /^Afdeling burgerzaken/, "a vacancy"],
  ];
  for (const [query, expected, what] of finds) {
    await check(`search "${query}" (${what}) finds ${expected.source.slice(1)} first`, async () => {
      const { page, problems } = await open("units/dirsa.html");
      const hits = await search(page, query);
      assert(expected.test(hits[0] || ""), `first hit: ${hits[0]}; all: ${hits.join(" | ")}`);
      const status = await page.locator("#search-results .search-status").textContent();
      assert(/^\d+ result(aat|aten)$/.test(status), `results not announced: "${status}"`);
      assert((await page.locator("#search-results [role=status]").count()) === 1, "no live region");
      await page.close();
      assert(problems.length === 0, problems.join("\n"));
    });
  }

  await check("the hit is marked on the page it opens, in view below the header", async () => {
    const { page, problems } = await open("index.html");
    await page.setViewportSize({ width: 1366, height: 768 });
    await search(page, "huwlijk");
    const hit = page.locator("#search-results a", { hasText: "Afdeling burgerzaken" }).first();
    assert((await hit.locator("mark").count()) > 0, "the matched word is not marked in the result");
    await Promise.all([page.waitForURL(/units\/burgerzaken\.html\?q=huwlijk$/), hit.click()]);
    await page.waitForLoadState("load");
    const marks = page.locator("#content mark.search-hit");
    assert((await marks.count()) > 0, "nothing marked on the opened page");
    const first = await marks.first().textContent();
    assert(/^huwelijk$/i.test(first), `marked "${first}"`);
    const header = await page.locator(".topbar").boundingBox();
    const box = await marks.first().boundingBox();
    assert(box && box.y >= header.y + header.height && box.y + box.height <= 768,
      `mark at y=${box && box.y}, header ends at ${header.y + header.height}`);
    await page.screenshot({ path: path.join(artifacts, "search-hit-marked.png") });
    const violations = await axe(page);
    assert(violations.length === 0, JSON.stringify(violations, null, 2));
    await page.close();
    assert(problems.length === 0, problems.join("\n"));
  });

  await check('"/" focuses the search box, not while typing; Escape clears it', async () => {
    const { page } = await open("units/burgerzaken.html");
    await page.locator("h1").click();
    await page.keyboard.press("/");
    assert(await page.evaluate(() => document.activeElement && document.activeElement.id === "search-input"),
      "/ did not focus the search box");
    await page.keyboard.type("a/b");
    assert((await page.inputValue("#search-input")) === "a/b", "/ was swallowed while typing");
    await page.keyboard.press("Escape");
    assert((await page.inputValue("#search-input")) === "", "Escape did not clear");
    assert(await page.locator("#search-results").isHidden(), "results still shown");
    // Arrow keys walk the results.
    await page.fill("#search-input", "afdeling");
    await page.locator("#search-results a").first().waitFor({ state: "visible" });
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    const focused = await page.evaluate(() => document.activeElement.closest("li") &&
      Array.prototype.indexOf.call(document.activeElement.closest("ul").children, document.activeElement.closest("li")));
    assert(focused === 1, `focus on result ${focused}`);
    await page.close();
  });

  await check("a search from the bodies page opens the body's card", async () => {
    const { page } = await open("bodies.html");
    await search(page, "vast bureau");
    const hit = page.locator("#search-results a", { hasText: "Vast bureau" }).first();
    await Promise.all([page.waitForURL(/bodies\.html\?q=vast%20bureau#body-vast-bureau-title$/), hit.click()]);
    const card = page.locator("#body-vast-bureau-title");
    const header = await page.locator(".topbar").boundingBox();
    const box = await card.boundingBox();
    assert(box.y >= header.y + header.height - 1, `card title at ${box.y}, under the header (${header.height})`);
    await page.close();
  });

  await check("governance boxes are links that open the right card, which lists incoming relations", async () => {
    const { page, problems } = await open("bodies.html");
    await page.setViewportSize({ width: 1366, height: 768 });
    const links = await page.locator(".chart-frame svg g.body a").count();
    const bodies = await page.locator(".chart-frame svg g.body").count();
    assert(bodies > 5 && links === bodies, `${links} of ${bodies} boxes are links`);
    const box = page.locator("svg #body-vast-bureau a").first();
    await box.scrollIntoViewIfNeeded();
    await box.click();
    await page.waitForURL(/bodies\.html#body-vast-bureau-title$/);
    const card = page.locator("section.body-card", { has: page.locator("#body-vast-bureau-title") });
    const text = await card.textContent();
    assert(/Vanuit andere organen/.test(text) && /Burgemeester\s*:\s*voorzitter/.test(text),
      `the Vast bureau does not say the mayor chairs it: ${text}`);
    const violations = await axe(page);
    assert(violations.length === 0, JSON.stringify(violations, null, 2));
    await page.close();
    assert(problems.length === 0, problems.join("\n"));
  });

  await check("the FTE table adds up to 209,75 VTE and shows the Zorgbedrijf apart", async () => {
    const { page } = await open("fte.html");
    const own = await page.locator("#per-division ~ .table-wrap table").first().evaluate((table) => {
      const col = 2;
      let sum = 0;
      for (const row of table.tBodies[0].rows) {
        const text = row.cells[col].textContent.replace(/\s*VTE$/, "").replace(/\./g, "").replace(",", ".");
        sum += Math.round(parseFloat(text) * 100);
      }
      return { sum, foot: table.tFoot.rows[0].cells[col].textContent };
    });
    assert(own.sum === 20975 && own.foot === "209,75 VTE", `own FTE sums to ${own.sum / 100}, foot ${own.foot}`);
    assert(await page.locator("table caption", { hasText: "Verbonden entiteiten" }).isVisible(), "no affiliated table");
    const units = await page.locator("#per-tag ~ .table-wrap tfoot td").first().textContent();
    assert(units === "21", `tag table counts ${units} units`);
    await page.close();
  });

  await check('the index says "1 vacature", and an unnamed holder is said to be', async () => {
    const { page } = await open("index.html");
    const lead = await page.locator(".lead").first().textContent();
    assert(/· 1 vacature$/.test(lead.trim()), `lead: ${lead}`);
    await page.close();
    const unit = await open("units/burgerzaken.html");
    const cells = await unit.page.locator("#posts ~ .table-wrap tbody td:nth-child(2)").allTextContents();
    assert(cells.length > 0 && cells.every((c) => c.trim().length > 0), `empty holder cells: ${JSON.stringify(cells)}`);
    await unit.page.close();
  });
}
