/**
 * The search page: Pagefind's own UI, loaded from the bundle Pagefind writes next
 * to the index (the installed package's, not a CDN's). A `?q=` from the header's
 * search box runs at once; results can be sorted by relevance or date.
 */
import { escapeHtml } from "./html.ts";

export function renderSearchPage(bundleUrl: string, lang: string): string {
  const base = escapeHtml(bundleUrl);
  // The script only reads the query string and configures Pagefind UI; no model data is inlined.
  return (
    `<article class="search-page"><h1>搜索</h1>` +
    `<link rel="stylesheet" href="${base}pagefind-ui.css">` +
    // The excerpt meta is for the index's users; the UI shows its own highlighted excerpt.
    `<style>.pagefind-ui__result-tag[data-pagefind-ui-meta="excerpt"]{display:none}</style>` +
    `<p class="search-sort"><label>排序 <select id="search-sort"><option value="">相关度</option><option value="date">日期（新→旧）</option></select></label></p>` +
    `<div id="search" data-bundle="${base}" data-lang="${escapeHtml(lang)}"></div>` +
    `<noscript><p>搜索需要 JavaScript。</p></noscript>` +
    `<script src="${base}pagefind-ui.js"></script>` +
    `<script>
(function () {
  var host = document.getElementById("search");
  var select = document.getElementById("search-sort");
  var ui = null;
  function start(query) {
    if (ui) ui.destroy();
    var options = { element: "#search", bundlePath: host.dataset.bundle, showSubResults: true, showImages: false, resetStyles: false };
    if (select.value) options.sort = { date: "desc" };
    ui = new PagefindUI(options);
    if (query) ui.triggerSearch(query);
  }
  var params = new URLSearchParams(location.search);
  if (params.get("sort") === "date") select.value = "date";
  start(params.get("q") || "");
  select.addEventListener("change", function () {
    var input = host.querySelector("input");
    start(input ? input.value : "");
  });
})();
</script>` +
    `</article>`
  );
}
