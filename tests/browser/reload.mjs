// Open a page of `casereview serve` in Debian's Chromium, say so ("loaded" on a line of its
// own), then wait, without navigating, until the page shows TEXT: the page must reload
// itself when the file the test saves is built. Prints one JSON document: whether TEXT was
// shown, how many times the page loaded (the first load included), the console's errors and
// the Content-Security-Policy violations (of every load).
// usage: node reload.mjs PAGE_URL TEXT
import { chromium } from "playwright-core";

const [address, text] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage();
const consoleErrors = [], csp = [];
let loads = 0;
page.on("load", () => { loads += 1; });
page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
page.on("pageerror", (e) => consoleErrors.push(String(e)));
await page.exposeFunction("__cspViolation", (v) => csp.push(v));
await page.addInitScript(() => {
  document.addEventListener("securitypolicyviolation", (e) => window.__cspViolation({
    directive: e.effectiveDirective, blocked: e.blockedURI }));
});
await page.goto(address, { waitUntil: "load" });
// the reload script is listening once its event stream is open
await page.waitForFunction(() => performance.getEntriesByType("resource")
  .some((r) => r.name.includes("/__casereview__/reload.js")));
await new Promise((resolve) => setTimeout(resolve, 300));
console.log("loaded");
let shown = true;
try {
  await page.waitForFunction((t) => document.body && document.body.innerText.includes(t),
                             text, { timeout: 20000, polling: 100 });
} catch {
  shown = false;
}
// the text can show in the new document before its load event: count that load too
if (shown) await page.waitForLoadState("load");
await new Promise((resolve) => setTimeout(resolve, 100));
console.log(JSON.stringify({ shown, loads, console: consoleErrors, csp }));
await browser.close();
