// Load pages of a built site in Debian's Chromium and report, per page and viewport width,
// every request made, the axe-core violations (target-size also with the side menus
// scrolled, where a sticky title could cover a link), whether anything is wider than the
// viewport, and the numbered paragraphs (number and opening words); also the console's errors,
// Content-Security-Policy violations, dialogs opened (each dismissed), and whether the
// theme's scripts ran; with --search=QUERY, what the site's search finds. BASE_URL may be
// http: or file: (the site opened from disk).
// usage: node audit.mjs BASE_URL [--search=QUERY] [--widths=375,768,1280] PAGE...
// (prints one JSON document: a list of results, page by page, each page at every width)
import { chromium } from "playwright-core";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(import.meta.url);
// evaluated through the DevTools protocol: a <script> tag added to the page would be (rightly)
// refused by the site's Content-Security-Policy
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [base, ...rest] = process.argv.slice(2);
const pages = rest.filter((a) => !a.startsWith("--"));
const option = (name) => (rest.find((a) => a.startsWith(`--${name}=`)) || "")
  .slice(name.length + 3);
const search = option("search");
const widths = (option("widths") || "1280").split(",").map(Number);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
async function visit([name, width]) {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
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
    axe.push(...await page.evaluate(menusScrolled));
    const paragraphs = await page.$$eval("article span.para-no", (spans) =>
      spans.map((s) => [s.textContent.trim(),
                        s.parentElement.textContent.replace(s.textContent, "").trim()
                          .split(/\s+/).slice(0, 4).join(" ")]));
    const mark = await page.$$eval(".casereview-mark", (m) => m.map((e) => e.textContent.trim()));
    const found = search ? await searchFor(page, search) : null;
    const overflow = await page.evaluate(wider);
    const result = { page: name, width, requests, violations: axe, overflow, paragraphs, mark,
                     title: await page.title(), console: consoleErrors, dialogs, theme,
                     csp: await page.evaluate(() => window.__cspViolations), search: found };
    await page.close();
    return result;
}

// A menu's links as a reader scrolls through it: what sticks on top of the list must not
// cover a link (axe's target-size, run with each side menu scrolled part-way and to its end).
async function menusScrolled() {
  const menus = [...document.querySelectorAll(".md-sidebar__scrollwrap")]
    .filter((m) => m.scrollHeight > m.clientHeight && m.checkVisibility());
  const found = [];
  for (const part of menus.length ? [0.3, 0.6, 1] : []) {
    menus.forEach((m) => { m.scrollTop = part * (m.scrollHeight - m.clientHeight); });
    const r = await window.axe.run(document, { runOnly: ["target-size"] });
    found.push(...r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length,
      target: v.nodes[0].target.join(" "), menusScrolled: part })));
  }
  menus.forEach((m) => { m.scrollTop = 0; });
  return found;
}

// What makes the page scroll sideways: the document wider than the viewport, and each element
// reaching past its right edge that no scrolling box holds (a table in a horizontally
// scrolling wrapper is not counted: it scrolls on its own). Fixed and invisible parts of the
// theme (drawer, search overlay) move out of view on purpose and do not widen the page.
function wider() {
  const root = document.documentElement, viewport = root.clientWidth;
  const held = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (style.overflowX !== "visible" || style.position === "fixed") return true;
    }
    return false;
  };
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? `#${el.id}` : "") +
    [...el.classList].map((c) => `.${c}`).join("") + ` (right edge ${Math.round(
      el.getBoundingClientRect().right)} px)`;
  const outside = [...document.body.querySelectorAll("*")].filter((el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.right > viewport + 1 && getComputedStyle(el).position !== "fixed"
      && el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) && !held(el);
  });
  return { page: root.scrollWidth, viewport, elements: outside.slice(0, 5).map(describe),
           count: outside.length };
}

// Type the query into the search box as a reader would; the results the theme lists.
async function searchFor(page, query) {
  const opener = page.locator('label.md-header__button[for="__search"]');
  if (await opener.isVisible()) {      // a narrow screen shows a search button instead
    await opener.click();
  }
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
  const queue = pages.flatMap((name) => widths.map((width) => [name, width]));
  const worker = async () => {   // a few pages at a time: the machine has 2 cores
    while (queue.length) {
      results.push(await visit(queue.shift()));
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  results.sort((a, b) => pages.indexOf(a.page) - pages.indexOf(b.page) || a.width - b.width);
} finally {
  await browser.close();
}
console.log(JSON.stringify(results));
