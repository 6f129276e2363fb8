// Screenshots of a built site as a reader first sees each page (the viewport, not the whole
// page): a section of the report, the chronology, the action plans and the tracker, on a
// phone and on a laptop. The README shows them.
// usage: node screenshots.mjs BASE_URL OUT_DIR   (prints the files written, as JSON)
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const SHOTS = { report: "12-significant-events.html", chronology: "25-chronology.html",
                       "action-plans": "24-action-plans.html", tracker: "tracker.html" };
const SIZES = { phone: { width: 375, height: 740 }, laptop: { width: 1280, height: 800 } };

const [base, out] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--hide-scrollbars"],
});
const written = [];
try {
  for (const [size, viewport] of Object.entries(SIZES)) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    for (const [name, file] of Object.entries(SHOTS)) {
      const page = await context.newPage();
      await page.goto(new URL(file, base).href, { waitUntil: "networkidle" });
      const path = join(out, `${name}-${viewport.width}.png`);
      await page.screenshot({ path, animations: "disabled" });
      written.push({ path, page: file, width: viewport.width, size });
      await page.close();
    }
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(written));
