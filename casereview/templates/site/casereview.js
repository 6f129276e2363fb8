// casereview: accessibility fixes material does not make itself (found by axe-core):
// the search dialog gets a name; scrollable table wrappers become reachable by keyboard.
function casereviewA11y() {
  document.querySelectorAll(".md-search[role=dialog]:not([aria-label])")
    .forEach((el) => el.setAttribute("aria-label", "Search"));
  document.querySelectorAll(".md-typeset__scrollwrap").forEach((el, i) => {
    el.setAttribute("tabindex", "0");
    el.setAttribute("role", "region");
    el.setAttribute("aria-label", `Table ${i + 1}`);  // landmarks need distinct names
  });
}
if (typeof document$ !== "undefined") {
  document$.subscribe(casereviewA11y);
} else {
  document.addEventListener("DOMContentLoaded", casereviewA11y);
}
