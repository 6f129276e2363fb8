// Load pages of a built site in Debian's Chromium as a reader would, and report per page the
// dialogs a script opened (alert, confirm, prompt: each dismissed), every request made, and
// the text a reader sees; on the first page, also type into the search box and report the
// text of the results, which the theme builds from the search index.
// usage: node payloads.mjs BASE_URL QUERY PAGE...   (prints one JSON document)
import { chromium } from "playwright-core";

const [base, query, ...pages] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

async function visit(name, search) {
  const page = await browser.newPage();
  const dialogs = [];
  const requests = [];
  page.on("dialog", async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(new URL(name, base).href, { waitUntil: "networkidle" });
  let results = "";
  if (search) {                   // typed as a reader would, before anything else is touched
    const box = page.locator("input.md-search__input");
    await box.click();
    await box.pressSequentially(query, { delay: 20 });
    await page.waitForSelector(".md-search-result__item", { timeout: 15000 }).catch(() => {});
    results = await page.$$eval(".md-search-result__item", (r) => r.map((e) => e.innerText)
      .join("\n"));
    await page.keyboard.press("Escape");
  }
  // focus and hover everything: handlers that wait for a reader's move would fire now
  await page.$$eval("article *", (els) => els.forEach((e) => {
    for (const kind of ["mouseover", "focus", "click", "toggle"]) {
      e.dispatchEvent(new Event(kind));
    }
  }));
  await page.waitForTimeout(200);
  const text = await page.evaluate(() => document.body.innerText);
  await page.close();
  return { page: name, dialogs, requests, text, results };
}

const out = [];
try {
  for (const [i, name] of pages.entries()) {
    out.push(await visit(name, i === 0));
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
