/** Small, tested building blocks for the generated pages. All text goes through escapeHtml. */
import { escapeHtml } from "../markdown/text.ts";
import type { Counts, MonthCount } from "../plans/model.ts";
import type { DatedCommit } from "../plans/history.ts";

export { escapeHtml };

/** A horizontal progress bar, static HTML, with the numbers beside it. */
export function progressBar(c: Counts, label: string): string {
  return (
    `<div class="progress">` +
    `<div class="progress-bar" role="progressbar" aria-label="${escapeHtml(label)}" aria-valuemin="0" aria-valuemax="${c.total}" aria-valuenow="${c.done}">` +
    `<span style="width:${c.percent}%"></span></div>` +
    `<span class="progress-numbers">${c.done}/${c.total} · ${c.percent}%</span>` +
    `</div>`
  );
}

/** A commit as the pages name it: `提交 <code>abc1234</code> · 2021-03-01`. */
export function commitLabel(commit: DatedCommit): string {
  return `提交 <code>${escapeHtml(commit.short)}</code> · ${escapeHtml(commit.day)}`;
}

/** Days as a person reads them: `2 天`, `0.5 天`. */
export function days(n: number): string {
  return `${Number.isInteger(n) ? n : n.toFixed(n * 10 === Math.round(n * 10) ? 1 : 2)} 天`;
}

export interface ChartSeries {
  name: string;
  /** CSS class of its bars. */
  cls: string;
  values: number[];
}

/**
 * A bar chart as inline SVG rendered at build time: one group of bars per label,
 * one bar per series, each labelled, plus a table of the same numbers for screen
 * readers.
 */
export function barChart(labels: readonly string[], series: readonly ChartSeries[], title: string, id: string): string {
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const barW = series.length > 1 ? 14 : 28;
  const groupW = barW * series.length;
  const gap = 8;
  const chartH = 120;
  const top = 16;
  const labelH = 40;
  // Room on the left for the first label, which is rotated leftwards.
  const left = 40;
  const width = left + labels.length * (groupW + gap) + gap;
  const height = top + chartH + labelH;
  const groups = labels
    .map((label, i) => {
      const x0 = left + gap + i * (groupW + gap);
      const cx = x0 + groupW / 2;
      const bars = series
        .map((s, k) => {
          const v = s.values[i] ?? 0;
          const h = Math.round((v / max) * chartH);
          const x = x0 + k * barW;
          const y = top + chartH - h;
          return (
            `<rect x="${x}" y="${y}" width="${barW}" height="${h}" class="chart-bar ${escapeHtml(s.cls)}"><title>${escapeHtml(label)} ${escapeHtml(s.name)}: ${v}</title></rect>` +
            `<text x="${x + barW / 2}" y="${y - 3}" text-anchor="middle" class="chart-value">${v}</text>`
          );
        })
        .join("");
      return `<g>${bars}<text x="${cx}" y="${top + chartH + 12}" text-anchor="end" transform="rotate(-45 ${cx} ${top + chartH + 12})" class="chart-label">${escapeHtml(label)}</text></g>`;
    })
    .join("");
  const head = series.map((s) => `<th scope="col">${escapeHtml(s.name)}</th>`).join("");
  const rows = labels
    .map((label, i) => `<tr><th scope="row">${escapeHtml(label)}</th>${series.map((s) => `<td>${s.values[i] ?? 0}</td>`).join("")}</tr>`)
    .join("");
  const legend =
    series.length > 1
      ? `<span class="chart-legend">${series.map((s) => `<span class="${escapeHtml(s.cls)}">${escapeHtml(s.name)}</span>`).join(" ")}</span>`
      : "";
  return (
    `<figure class="chart">` +
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${escapeHtml(id)}-title">` +
    `<title id="${escapeHtml(id)}-title">${escapeHtml(title)}</title>` +
    `<line x1="${left}" y1="${top + chartH}" x2="${width}" y2="${top + chartH}" class="chart-axis"/>${groups}</svg>` +
    `<figcaption>${escapeHtml(title)} ${legend}</figcaption>` +
    `<table class="visually-hidden"><caption>${escapeHtml(title)}</caption><thead><tr><th scope="col">月份</th>${head}</tr></thead><tbody>${rows}</tbody></table>` +
    `</figure>`
  );
}

/** Tasks done per month as a bar chart. */
export function monthChart(series: readonly MonthCount[], title: string, id: string): string {
  if (series.length === 0) return `<p class="chart-empty">还没有按月记录的完成任务。</p>`;
  return barChart(
    series.map((s) => s.month),
    [{ name: "完成任务", cls: "tasks", values: series.map((s) => s.done) }],
    title,
    id,
  );
}

/** A whole HTML document around a generated page, for sites without a layout for it. */
export function standalonePage(title: string, lang: string, body: string): string {
  return (
    `<!doctype html>\n<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>` +
    `<body>${body}</body></html>\n`
  );
}
