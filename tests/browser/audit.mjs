// Load pages of a built site in Debian's Chromium and report, per page, every request made,
// the axe-core violations, and the numbered paragraphs (number and opening words); also the
// console's errors, Content-Security-Policy violations, dialogs opened (each dismissed), and
// whether the theme's scripts ran; with --search=QUERY, what the site's search finds.
// usage: node audit.mjs BASE_URL [--search=QUERY] PAGE...   (prints one JSON document)
import { chromium } from "playwright-core";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(import.meta.url);
// evaluated through the DevTools protocol: a <script> tag added to the page would be (rightly)
// refused by the site's Content-Security-Policy
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [base, ...rest] = process.argv.slice(2);
const pages = rest.filter((a) => !a.startsWith("--"));
const search = (rest.find((a) => a.startsWith("--search=")) || "").slice("--search=".length);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
async function visit(name) {
    const page = await browser.newPage();
    const requests = [], consoleErrors = [], dialogs = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
    page.on("pageerror", (e) => consoleErrors.push(String(e)));
    page.on("dialog", (d) => { dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss(); });
    await page.addInitScript(() => {     // before any of the page's own scripts
      window.__cspViolations = [];
      document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push({
        directive: e.effectiveDirective, blocked: e.blockedURI, line: e.lineNumber,
        sample: e.sample }));
    });
    await page.goto(new URL(name, base).href, { waitUntil: "networkidle" });
    await page.waitForLoadState("load");    // the network can be idle while scripts still parse
    const theme = await page.evaluate(() => ({
      // the theme's inline script in <head>, its bundle, and casereview.js (extra_javascript)
      inline: typeof window.__md_get === "function",
      bundle: typeof window.document$ !== "undefined",
      extra: document.querySelector(".md-search[role=dialog][aria-label]") !== null,
      scheme: document.body.getAttribute("data-md-color-scheme") }));
    await page.evaluate(axeSource);
    const axe = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ["violations"] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length,
                                        target: v.nodes[0] && v.nodes[0].target.join(" ") }));
    });
    const paragraphs = await page.$$eval("article span.para-no", (spans) =>
      spans.map((s) => [s.textContent.trim(),
                        s.parentElement.textContent.replace(s.textContent, "").trim()
                          .split(/\s+/).slice(0, 4).join(" ")]));
    const mark = await page.$$eval(".casereview-mark", (m) => m.map((e) => e.textContent.trim()));
    const found = search ? await searchFor(page, search) : null;
    const result = { page: name, requests, violations: axe, paragraphs, mark,
                     title: await page.title(), console: consoleErrors, dialogs, theme,
                     csp: await page.evaluate(() => window.__cspViolations), search: found };
    await page.close();
    return result;
}

// Type the query into the search box as a reader would; the results the theme lists.
async function searchFor(page, query) {
  const box = page.locator("input.md-search__input");
  await box.click();
  await box.pressSequentially(query, { delay: 20 });
  try {
    await page.waitForSelector(".md-search-result__item", { timeout: 15000 });
  } catch {
    // no result: reported as none
  }
  return await page.evaluate(() => ({
    meta: document.querySelector(".md-search-result__meta").textContent.trim(),
    results: [...document.querySelectorAll(".md-search-result__item a")]
      .map((a) => a.getAttribute("href")) }));
}

const results = [];
try {
  const queue = [...pages];
  const worker = async () => {   // a few pages at a time: the machine has 2 cores
    while (queue.length) {
      const name = queue.shift();
      results.push(await visit(name));
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  results.sort((a, b) => pages.indexOf(a.page) - pages.indexOf(b.page));
} finally {
  await browser.close();
}
console.log(JSON.stringify(results));
