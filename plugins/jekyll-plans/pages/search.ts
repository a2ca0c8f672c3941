/**
 * The search page: Pagefind's own UI, loaded from the bundle Pagefind writes next
 * to the index (the installed package's, not a CDN's), finished for readers: the query
 * lives in `?q=` (kept in sync while typing, so a link or a reload shows the same
 * results, and the preview's reload after a rebuild keeps it), results can be sorted by
 * date, the labels under results are the site's (`日期`, `计划`, `状态`), the kind filter
 * comes first and the filters fold away on a phone, `/` focuses the box and the arrow keys
 * move through the results. Progress pages and tasks come from an index of their own and are
 * shown below the posts in a block of their own (a few, ☑/☐, linked to their anchors, more on
 * request, by status). In the preview, where the index is made again after the pages, the page
 * says while that is under way and reloads itself once the new index is written.
 */
import type { SearchLabels } from "../search/records.ts";
import type { Strings } from "./strings.ts";

/** Names the UI shows for the index's meta keys. */
function metaNames(labels: SearchLabels, t: Strings): Record<string, string> {
  return { date: t.metaDate, plan: labels.plan, status: labels.status };
}

/** A JavaScript string literal that is safe inside `<script>` (no `</script`, no `<!--`). */
function jsString(text: string): string {
  return JSON.stringify(text)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** The file, in the posts' bundle folder, where the preview says whether its index is being made. */
export const INDEX_STATE_FILE = "preview-index.json";

/**
 * The search page's view, for `templates/jekyll-plans/search.njk`. `plansBundleUrl`: the
 * plans' index, or null when the blog has no plans (then no block of tasks). `preview`: the
 * page watches the preview's index state (a published page never asks for it). The script
 * only reads the query string and its data attributes; no model data is inlined.
 */
export function searchPageView(bundleUrl: string, plansBundleUrl: string | null, lang: string, labels: SearchLabels, t: Strings, preview = false) {
  return {
    bundle: bundleUrl,
    indexState: preview ? `${bundleUrl}${INDEX_STATE_FILE}` : null,
    lang,
    metaNames: JSON.stringify(metaNames(labels, t)),
    kind: labels.kind,
    plans:
      plansBundleUrl === null
        ? null
        : {
            bundle: plansBundleUrl,
            status: labels.status,
            buttons: [
              { value: "", text: t.statusAll, pressed: true },
              { value: labels.open, text: labels.open, pressed: false },
              { value: labels.done, text: labels.done, pressed: false },
            ],
          },
    // Replaced by functions: a replacement string would read `$&`, `$'`… in the words as patterns.
    script: SCRIPT.replace('"搜索本站"', () => jsString(t.searchBox)).replace('" 项"', () => jsString(t.resultCount)),
  };
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
    // A post found through a heading shows that heading's section first: sections whose
    // title holds a word of the query, then the others with the most matches (three in all,
    // as the UI shows; the page's own entry, first when it has one, stays first).
    var box = input();
    var words = (box ? box.value : "").toLowerCase().split(/\\s+/).filter(Boolean);
    var subs = result.sub_results;
    if (words.length && Array.isArray(subs) && subs.length) {
      var own = subs[0].url === (result.meta.url || result.url) ? [subs[0]] : [];
      var rest = subs.slice(own.length);
      var named = function (sub) {
        var title = (sub.title || "").toLowerCase();
        return words.some(function (w) {
          return title.indexOf(w) >= 0;
        });
      };
      var first = rest.filter(named);
      if (first.length) {
        var others = rest
          .filter(function (sub) {
            return !named(sub);
          })
          .sort(function (a, b) {
            return b.locations.length - a.locations.length;
          });
        result.sub_results = own.concat(first, others).slice(0, own.length + 3);
      }
    }
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
  // Pagefind UI shows the filter groups that its first search reports, and a search reports
  // only the filters whose chunks are loaded by then: a search given in the address could run
  // before the UI's own filters() call had loaded them all, and leave groups out until the
  // next search. So the UI's instance (the same module, with the options the UI gives it)
  // loads every filter chunk first; the UI is made once that is done (or has failed).
  // The excerpt length the UI gives Pagefind (its own default without images): the preload
  // below gives the same, so that the UI's options meet an instance made with them.
  var EXCERPT_LENGTH = 30;
  function start(query) {
    searchPlans(query.trim());
    import(host.dataset.bundle + "pagefind.js")
      .then(function (pagefind) {
        return pagefind.options({ excerptLength: EXCERPT_LENGTH }).then(function () {
          return pagefind.filters();
        });
      })
      .catch(function () {})
      .then(function () {
        makeUi(query);
      });
  }
  function makeUi(query) {
    var options = {
      element: "#search",
      bundlePath: host.dataset.bundle,
      showSubResults: true,
      showImages: false,
      excerptLength: EXCERPT_LENGTH,
      resetStyles: false,
      focusOnSlash: true,
      processResult: processResult,
    };
    if (select.value) options.sort = { date: "desc" };
    ui = new PagefindUI(options);
    if (query) ui.triggerSearch(query);
    finish();
  }
  // Progress pages and tasks: their own index, their own block, below the posts.
  var plans = document.getElementById("search-plans");
  var list = plans && plans.querySelector(".search-plans-list");
  var more = plans && plans.querySelector(".search-plans-more");
  var count = plans && plans.querySelector(".search-plans-count");
  var plansIndex = null;
  var plansQuery = "";
  var plansShown = 5;
  var plansStatus = "";
  // What the block has found for its query and status: Pagefind's results (progress pages,
  // and groups of a plan's tasks whose sections are the tasks), how many are loaded, and the
  // entries those make, in the index's order.
  var plansFound = null;
  // The plans' index through its own bundle's module (its own worker), beside the UI's.
  function plansApi() {
    if (!plansIndex)
      plansIndex = import(plans.dataset.bundle + "pagefind.js").then(function (pf) {
        return pf.options({}).then(function () {
          return pf;
        });
      });
    return plansIndex;
  }
  // How well an entry matches: the sum of Pagefind's scores of the words it found there (a
  // task that has every word of the query before one that has one of them).
  function scoreOf(located) {
    return (located || []).reduce(function (n, l) {
      return n + (l.balanced_score || 0);
    }, 0);
  }
  // A result's entries: the tasks it found (its sections with an anchor), else itself.
  function entriesOf(d) {
    var tasks = (d.sub_results || []).filter(function (sub) {
      return sub.anchor;
    });
    var plan = d.meta.plan || "";
    if (tasks.length === 0) return [{ url: d.url, title: d.meta.title || d.url, plan: plan, score: scoreOf(d.weighted_locations) }];
    return tasks.map(function (sub) {
      return { url: sub.url, title: sub.title, plan: plan, score: scoreOf(sub.weighted_locations) };
    });
  }
  // Loads results, ten at a time, until there are as many entries as wanted or no more
  // results; the entries of each ten are listed best first.
  function loadEntries(found, want) {
    if (found.entries.length >= want || found.loaded >= found.results.length) return Promise.resolve(found);
    var batch = found.results.slice(found.loaded, found.loaded + 10);
    return Promise.all(
      batch.map(function (x) {
        return x.data();
      }),
    ).then(function (data) {
      found.loaded += batch.length;
      var entries = [];
      data.forEach(function (d) {
        entries.push.apply(entries, entriesOf(d));
      });
      entries.sort(function (a, b) {
        return b.score - a.score;
      });
      found.entries.push.apply(found.entries, entries);
      return loadEntries(found, want);
    });
  }
  function showPlans() {
    var q = plansQuery;
    var status = plansStatus;
    if (!q) {
      plans.hidden = true;
      return;
    }
    var filters = {};
    if (status) filters[plans.dataset.statusFilter] = [status];
    var current = plansFound && plansFound.q === q && plansFound.status === status ? plansFound : null;
    var found = current
      ? Promise.resolve(current)
      : plansApi()
          .then(function (pf) {
            return pf.search(q, { filters: filters });
          })
          .then(function (r) {
            return (plansFound = { q: q, status: status, results: r.results, loaded: 0, entries: [], chain: Promise.resolve() });
          });
    var want = plansShown;
    found
      .then(function (f) {
        // One load at a time per query: a second "more" waits for the first.
        f.chain = f.chain.then(function () {
          return loadEntries(f, want);
        });
        return f.chain;
      })
      .then(function (f) {
        if (q !== plansQuery || status !== plansStatus) return;
        list.replaceChildren.apply(
          list,
          f.entries.slice(0, want).map(function (e) {
            var li = document.createElement("li");
            var a = document.createElement("a");
            a.href = e.url;
            a.textContent = e.title;
            li.appendChild(a);
            if (e.plan) {
              var plan = document.createElement("span");
              plan.className = "search-plans-plan";
              plan.textContent = " · " + e.plan;
              li.appendChild(plan);
            }
            return li;
          }),
        );
        var all = f.loaded >= f.results.length;
        // Exact once every result is loaded; until then, at least that many.
        count.textContent = f.entries.length + (all ? "" : "+") + " 项";
        more.hidden = all && f.entries.length <= want;
        plans.hidden = f.results.length === 0 && !status;
        plans.dataset.query = q;
        plans.dataset.state = "ready";
      })
      .catch(function () {
        // No plans' index to ask (a blog without plans): no block.
        plans.hidden = true;
        plans.dataset.query = q;
        plans.dataset.state = "ready";
      });
  }
  // The plans' search runs once the posts' search has answered (Pagefind UI shows its message
  // and no loading placeholders): the two never overlap.
  var waiting = null;
  function whenPostsAnswered(run) {
    if (waiting) waiting.disconnect();
    var ready = function () {
      return host.querySelector(".pagefind-ui__message") && !host.querySelector(".pagefind-ui__loading");
    };
    if (ready()) return run();
    waiting = new MutationObserver(function () {
      if (!ready()) return;
      waiting.disconnect();
      waiting = null;
      run();
    });
    waiting.observe(host, { childList: true, subtree: true, characterData: true });
  }
  function searchPlans(q) {
    if (!plans) return;
    plansQuery = q;
    plansShown = 5;
    plans.dataset.state = "searching";
    if (q) whenPostsAnswered(showPlans);
    else showPlans();
  }
  if (more) more.addEventListener("click", function () {
    plansShown += 10;
    plans.dataset.state = "searching";
    showPlans();
  });
  if (plans) plans.querySelectorAll("[data-status]").forEach(function (button) {
    button.addEventListener("click", function () {
      plansStatus = button.dataset.status;
      plans.querySelectorAll("[data-status]").forEach(function (b) {
        b.setAttribute("aria-pressed", String(b === button));
      });
      searchPlans(plansQuery);
    });
  });

  // Attributes too: Pagefind UI rewrites a filter block's class when it redraws, which
  // takes the mark off (finish only changes what differs, so this ends).
  new MutationObserver(finish).observe(host, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ["class"] });
  var typing = null;
  host.addEventListener("input", function (e) {
    if (e.target !== input()) return;
    syncUrl();
    clearTimeout(typing);
    typing = setTimeout(function () {
      searchPlans(input().value.trim());
    }, 300);
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
  // The preview makes its index again after the pages: while it says so, the page shows a
  // notice and asks again; once the index is written, the page reloads (query and sort are
  // in the address) and searches the new one. The page asks before it loads any of the
  // index: an index read while it was being replaced (its entry file before, its chunks
  // after) would find nothing, and a page that then read "ready" would never reload.
  var state = page.querySelector(".search-index-state");
  var stateUrl = state && state.dataset.url;
  // Resolves with the first answer; asks again while the index is being made.
  function watchIndex(updating) {
    return fetch(stateUrl, { cache: "no-store" })
      .then(function (r) {
        return r.ok ? r.json() : null;
      })
      .catch(function () {
        return null;
      })
      .then(function (s) {
        var now = s && s.state;
        // Unreadable while it is being written: asked again.
        if (now === "updating" || (updating && !now)) {
          state.hidden = false;
          setTimeout(function () {
            watchIndex(true);
          }, 500);
        } else if (updating && now === "ready") location.reload();
        else if (now === "failed") {
          state.textContent = state.dataset.failed;
          state.hidden = false;
        } else state.hidden = true;
      });
  }
  var query = params.get("q") || "";
  if (stateUrl)
    watchIndex(false).then(function () {
      start(query);
    });
  else start(query);
  // A new sort is a new page (the query and the sort are in the address): Pagefind UI made
  // again in the same page shows no results.
  select.addEventListener("change", function () {
    syncUrl();
    location.reload();
  });
})();
`;
