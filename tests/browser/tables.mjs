// Measure the tables and charts of a built site in Debian's Chromium, at each width given:
// whether the page body is wider than the viewport, and per table its caption, its width,
// each column's header, rendered width and whether the whole column can be seen (inside the
// viewport and not hidden by a scrolling wrapper), whether it is shown as stacked cards; per
// cells whose text spills over their edge; per chart (svg) the smallest rendered font size of its text and whether a legend is shown.
// usage: node tables.mjs BASE_URL --widths=375,768,1280 PAGE...   (prints one JSON document)
import { chromium } from "playwright-core";

const [base, ...rest] = process.argv.slice(2);
const pages = rest.filter((a) => !a.startsWith("--"));
const widths = ((rest.find((a) => a.startsWith("--widths=")) || "--widths=375,768,1280")
  .slice("--widths=".length)).split(",").map(Number);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

function measure() {
  const view = document.documentElement.clientWidth;
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.left < -0.5 || box.right > view + 0.5) return false;
    for (let up = el.parentElement; up; up = up.parentElement) {
      const style = getComputedStyle(up);
      if (style.overflowX === "visible") continue;
      const outer = up.getBoundingClientRect();
      if (box.left < outer.left - 0.5 || box.right > outer.right + 0.5) return false;
    }
    return true;
  };
  const tables = [...document.querySelectorAll("article table")].map((t) => {
    const heads = [...t.querySelectorAll("thead th")];
    const firstRow = t.querySelector("tbody tr");
    const cells = firstRow ? [...firstRow.children] : [];
    return {
      id: t.id || (t.closest("[id]") || {}).id || "",
      caption: t.caption ? t.caption.textContent.trim() : null,
      width: Math.round(t.getBoundingClientRect().width),
      cards: getComputedStyle(firstRow || t).display === "block",
      // cells whose words run past their own edge, over the next column
      spills: [...t.querySelectorAll("td, th")].filter((c) => c.scrollWidth > c.clientWidth + 1)
        .map((c) => c.textContent.trim().slice(0, 40)),
      columns: heads.map((h, i) => ({
        header: h.textContent.trim(),
        width: Math.round((cells[i] || h).getBoundingClientRect().width),
        visible: visible(cells[i] || h),
        label: cells[i] ? cells[i].getAttribute("data-label") : null,
      })),
    };
  });
  const charts = [...document.querySelectorAll("article svg[role=img]")].map((svg) => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const sizes = [...svg.querySelectorAll("text")].map((t) =>
      parseFloat(getComputedStyle(t).fontSize) * scale);
    const legend = svg.parentElement.querySelector(".casereview-legend, figure .legend");
    return { id: svg.id, smallest: Math.min(...sizes), texts: sizes.length,
             labels: [...svg.querySelectorAll("text")].map((t) => t.textContent),
             legend: legend ? legend.textContent.replace(/\s+/g, " ").trim() : null };
  });
  return { view, body: document.documentElement.scrollWidth, tables, charts,
           text: document.querySelector("article").innerText };
}

const results = [];
try {
  for (const width of widths) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    for (const name of pages) {
      const page = await context.newPage();
      await page.goto(new URL(name, base).href, { waitUntil: "networkidle" });
      await page.waitForLoadState("load");
      results.push({ page: name, width, ...(await page.evaluate(measure)) });
      await page.close();
    }
    await context.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results));
