/** Geometry of the bar charts (inline SVG made at build time), for templates/jekyll-plans/partials/charts.njk. */
import type { Counts, MonthCount } from "../plans/model.ts";

export interface ChartSeries {
  name: string;
  /** CSS class of its bars. */
  cls: string;
  values: number[];
}

export interface ChartView {
  id: string;
  title: string;
  width: number;
  height: number;
  left: number;
  axisY: number;
  series: readonly ChartSeries[];
  groups: {
    label: string;
    cx: number;
    labelY: number;
    bars: { x: number; y: number; width: number; height: number; textX: number; textY: number; cls: string; name: string; value: number }[];
  }[];
  /** The same numbers as a table, for screen readers. */
  rows: { label: string; values: number[] }[];
}

/** One group of bars per label, one bar per series, each labelled. */
export function chartView(labels: readonly string[], series: readonly ChartSeries[], title: string, id: string): ChartView {
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
  const groups = labels.map((label, i) => {
    const x0 = left + gap + i * (groupW + gap);
    const bars = series.map((s, k) => {
      const value = s.values[i] ?? 0;
      const height = Math.round((value / max) * chartH);
      const x = x0 + k * barW;
      const y = top + chartH - height;
      return { x, y, width: barW, height, textX: x + barW / 2, textY: y - 3, cls: s.cls, name: s.name, value };
    });
    return { label, cx: x0 + groupW / 2, labelY: top + chartH + 12, bars };
  });
  const rows = labels.map((label, i) => ({ label, values: series.map((s) => s.values[i] ?? 0) }));
  return { id, title, width, height: top + chartH + labelH, left, axisY: top + chartH, series, groups, rows };
}

/** Tasks done per month; null when there are none (the page says so instead). */
export function monthChartView(months: readonly MonthCount[], title: string, id: string, seriesName: string): ChartView | null {
  if (months.length === 0) return null;
  return chartView(
    months.map((s) => s.month),
    [{ name: seriesName, cls: "tasks", values: months.map((s) => s.done) }],
    title,
    id,
  );
}

/** A progress bar's numbers and its label for screen readers. */
export interface BarView extends Pick<Counts, "done" | "total" | "percent"> {
  label: string;
}

export const barView = (c: Counts, label: string): BarView => ({ done: c.done, total: c.total, percent: c.percent, label });
