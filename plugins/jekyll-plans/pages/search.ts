/**
 * The search page: Pagefind's own UI, loaded from the bundle Pagefind writes next
 * to the index (the installed package's, not a CDN's), finished for readers: the query
 * lives in `?q=` (kept in sync while typing, so a link or a reload shows the same
 * results, and the preview's reload after a rebuild keeps it), results can be sorted by
 * date, the labels under results are the site's (`日期`, `计划`, `状态`), the kind filter
 * comes first and the filters fold away on a phone, `/` focuses the box and the arrow keys
 * move through the results.
 */
import { escapeHtml } from "./html.ts";
import type { SearchLabels } from "../search/records.ts";

/** Names the UI shows for the index's meta keys. */
function metaNames(labels: SearchLabels): Record<string, string> {
  return { date: "日期", plan: labels.plan, status: labels.status };
}

export function renderSearchPage(bundleUrl: string, lang: string, labels: SearchLabels): string {
  const base = escapeHtml(bundleUrl);
  // The script only reads the query string and its data attributes; no model data is inlined.
  return (
    `<article class="search-page"><h1>搜索</h1>` +
    `<link rel="stylesheet" href="${base}pagefind-ui.css">` +
    `<p class="search-tools"><label>排序 <select id="search-sort"><option value="">相关度</option><option value="date">日期（新→旧）</option></select></label>` +
    ` <button type="button" class="search-filters-toggle" aria-expanded="false" aria-controls="search">筛选</button></p>` +
    `<div id="search" data-bundle="${base}" data-lang="${escapeHtml(lang)}" data-meta-names="${escapeHtml(JSON.stringify(metaNames(labels)))}" data-kind="${escapeHtml(labels.kind)}"></div>` +
    `<noscript><p>搜索需要 JavaScript。</p></noscript>` +
    `<script src="${base}pagefind-ui.js"></script>` +
    `<script>${SCRIPT}</script>` +
    `</article>`
  );
}

const SCRIPT = `
(function () {
  var page = document.querySelector(".search-page");
  var host = document.getElementById("search");
  var select = document.getElementById("search-sort");
  var toggle = page.querySelector(".search-filters-toggle");
  var names = JSON.parse(host.dataset.metaNames);
  var kind = host.dataset.kind;
  var ui = null;
  function input() {
    return host.querySelector(".pagefind-ui__search-input");
  }
  // The query and the sort in the address, without a new history entry per keystroke.
  function syncUrl() {
    var params = new URLSearchParams(location.search);
    var box = input();
    var q = box ? box.value : params.get("q") || "";
    if (q) params.set("q", q);
    else params.delete("q");
    if (select.value) params.set("sort", select.value);
    else params.delete("sort");
    var s = params.toString();
    history.replaceState(history.state, "", location.pathname + (s ? "?" + s : "") + location.hash);
  }
  function processResult(result) {
    var meta = {};
    Object.keys(result.meta || {}).forEach(function (key) {
      // The excerpt is for the index's users; the UI shows its own highlighted one.
      if (key !== "excerpt") meta[names[key] || key] = result.meta[key];
    });
    result.meta = meta;
    return result;
  }
  // What Pagefind UI draws is finished here: the input's name, the kind filter first.
  function finish() {
    var box = input();
    if (box && !box.getAttribute("aria-label")) box.setAttribute("aria-label", "搜索本站");
    host.querySelectorAll(".pagefind-ui__filter-block").forEach(function (block) {
      var name = (block.querySelector(".pagefind-ui__filter-name") || block.querySelector("summary") || block).textContent.trim();
      var first = name === kind;
      if (block.classList.contains("search-kind") !== first) block.classList.toggle("search-kind", first);
    });
  }
  function start(query) {
    if (ui) ui.destroy();
    var options = {
      element: "#search",
      bundlePath: host.dataset.bundle,
      showSubResults: true,
      showImages: false,
      resetStyles: false,
      focusOnSlash: true,
      processResult: processResult,
    };
    if (select.value) options.sort = { date: "desc" };
    ui = new PagefindUI(options);
    if (query) ui.triggerSearch(query);
    finish();
  }
  new MutationObserver(finish).observe(host, { childList: true, subtree: true });
  host.addEventListener("input", function (e) {
    if (e.target === input()) syncUrl();
  });
  // Arrow keys: from the box to the first result, and from result to result.
  host.addEventListener("keydown", function (e) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(host.querySelectorAll(".pagefind-ui__result-link"));
    if (links.length === 0) return;
    var at = links.indexOf(document.activeElement);
    var next = e.key === "ArrowDown" ? at + 1 : at - 1;
    if (at === -1 && e.target !== input()) return;
    e.preventDefault();
    if (next < 0) input().focus();
    else links[Math.min(next, links.length - 1)].focus();
  });
  toggle.addEventListener("click", function () {
    var open = !page.classList.contains("filters-open");
    page.classList.toggle("filters-open", open);
    toggle.setAttribute("aria-expanded", String(open));
  });
  var params = new URLSearchParams(location.search);
  if (params.get("sort") === "date") select.value = "date";
  start(params.get("q") || "");
  select.addEventListener("change", function () {
    var box = input();
    syncUrl();
    start(box ? box.value : "");
  });
})();
`;
