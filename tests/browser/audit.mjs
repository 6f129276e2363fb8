// Load pages of a built site in Debian's Chromium and report, per page, every request made,
// the axe-core violations, and the numbered paragraphs (number and opening words).
// usage: node audit.mjs BASE_URL PAGE...   (prints one JSON document)
import { chromium } from "playwright-core";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");
const [base, ...pages] = process.argv.slice(2);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
async function visit(name) {
    const page = await browser.newPage();
    const requests = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(new URL(name, base).href, { waitUntil: "networkidle" });
    await page.addScriptTag({ path: axePath });
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
    const result = { page: name, requests, violations: axe, paragraphs, mark,
                     title: await page.title() };
    await page.close();
    return result;
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
