/** Small, tested building blocks for the generated pages. All text goes through escapeHtml. */
import { escapeHtml } from "../markdown/text.ts";
import type { Counts, MonthCount } from "../plans/model.ts";

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

/** Days as a person reads them: `2 天`, `0.5 天`. */
export function days(n: number): string {
  return `${Number.isInteger(n) ? n : n.toFixed(n * 10 === Math.round(n * 10) ? 1 : 2)} 天`;
}

/**
 * A bar chart of tasks done per month, as inline SVG rendered at build time,
 * with a table of the same numbers for screen readers.
 */
export function monthChart(series: readonly MonthCount[], title: string, id: string): string {
  if (series.length === 0) return `<p class="chart-empty">还没有按月记录的完成任务。</p>`;
  const max = Math.max(1, ...series.map((s) => s.done));
  const barW = 28;
  const gap = 8;
  const chartH = 120;
  const top = 16;
  const labelH = 40;
  // Room on the left for the first label, which is rotated leftwards.
  const left = 40;
  const width = left + series.length * (barW + gap) + gap;
  const height = top + chartH + labelH;
  const bars = series
    .map((s, i) => {
      const h = Math.round((s.done / max) * chartH);
      const x = left + gap + i * (barW + gap);
      const y = top + chartH - h;
      const cx = x + barW / 2;
      return (
        `<g><rect x="${x}" y="${y}" width="${barW}" height="${h}" class="chart-bar"><title>${escapeHtml(s.month)}: ${s.done}</title></rect>` +
        `<text x="${cx}" y="${y - 3}" text-anchor="middle" class="chart-value">${s.done}</text>` +
        `<text x="${cx}" y="${top + chartH + 12}" text-anchor="end" transform="rotate(-45 ${cx} ${top + chartH + 12})" class="chart-label">${escapeHtml(s.month)}</text></g>`
      );
    })
    .join("");
  const rows = series.map((s) => `<tr><th scope="row">${escapeHtml(s.month)}</th><td>${s.done}</td></tr>`).join("");
  return (
    `<figure class="chart">` +
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${escapeHtml(id)}-title">` +
    `<title id="${escapeHtml(id)}-title">${escapeHtml(title)}</title>` +
    `<line x1="${left}" y1="${top + chartH}" x2="${width}" y2="${top + chartH}" class="chart-axis"/>${bars}</svg>` +
    `<figcaption>${escapeHtml(title)}</figcaption>` +
    `<table class="visually-hidden"><caption>${escapeHtml(title)}</caption><thead><tr><th scope="col">月份</th><th scope="col">完成任务</th></tr></thead><tbody>${rows}</tbody></table>` +
    `</figure>`
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
