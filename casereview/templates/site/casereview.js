// casereview: accessibility fixes material does not make itself (found by axe-core):
// the search dialog gets a name; scrollable table wrappers become reachable by keyboard,
// named by their table's caption.
function casereviewA11y() {
  document.querySelectorAll(".md-search[role=dialog]:not([aria-label])")
    .forEach((el) => el.setAttribute("aria-label", "Search"));
  document.querySelectorAll(".md-typeset__scrollwrap").forEach((el, i) => {
    const caption = el.querySelector("caption");
    el.setAttribute("tabindex", "0");
    el.setAttribute("role", "region");
    // landmarks need distinct names: the captions are; a table without one gets its number
    el.setAttribute("aria-label", caption ? caption.textContent.trim() : `Table ${i + 1}`);
  });
  casereviewCards();
}

// The review's wide tables (action plans, tracker rows) below 960 px, and the chronology below
// 480 px, are shown as cards (casereview.css): each cell gets its column's name to show above
// it, and the table, its rows and cells keep their roles for screen readers once shown as
// blocks.
const CARDS = [[/^(action-plan-|tracker-table-|overdue-table$)/, "(max-width: 59.9375em)"],
               [/^chronology-table$/, "(max-width: 29.9375em)"]];
function casereviewCards() {
  document.querySelectorAll("article table[id]").forEach((table) => {
    const rule = CARDS.find(([pattern]) => pattern.test(table.id));
    if (!rule || table.hasAttribute("role")) return;
    const names = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    table.setAttribute("role", "table");
    table.querySelectorAll("thead, tbody").forEach((g) => g.setAttribute("role", "rowgroup"));
    table.querySelectorAll("tr").forEach((tr) => {
      tr.setAttribute("role", "row");
      [...tr.children].forEach((cell, i) => {
        if (cell.tagName === "TH") {
          cell.setAttribute("role", cell.scope === "row" ? "rowheader" : "columnheader");
        } else {
          cell.setAttribute("role", "cell");
          if (names[i]) cell.setAttribute("data-label", names[i]);
        }
      });
    });
    const narrow = window.matchMedia(`screen and ${rule[1]}`);
    const show = () => table.toggleAttribute("data-cards", narrow.matches);
    show();
    narrow.addEventListener("change", show);
  });
}
if (typeof document$ !== "undefined") {
  document$.subscribe(casereviewA11y);
} else {
  document.addEventListener("DOMContentLoaded", casereviewA11y);
}
