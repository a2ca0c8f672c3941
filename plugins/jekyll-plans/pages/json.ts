/**
 * `/progress.json`: the plan model for other tools. Its shape is documented in the
 * README ("progress.json"); `version` changes when the shape does.
 */
import type { Plan } from "../plans/model.ts";
import type { PlanSeries } from "../site.ts";

export const PROGRESS_JSON_VERSION = 3;

export function progressJson(plans: readonly Plan[], series: readonly PlanSeries[], options: { timeZone: string; referenceDate: string | undefined }): string {
  return `${JSON.stringify({
    version: PROGRESS_JSON_VERSION,
    timeZone: options.timeZone,
    referenceDate: options.referenceDate ?? null,
    plans: plans.map((p) => ({
      title: p.title,
      slug: p.slug,
      postUrl: p.postUrl,
      day: p.day,
      progressUrl: p.progressUrl,
      done: p.done,
      total: p.total,
      open: p.open,
      percent: p.percent,
      openDays: p.openDays,
      openWithoutEstimate: p.openWithoutEstimate,
      velocity: p.velocity,
      forecastMonths: p.forecastMonths,
      lastDoneMonth: p.lastDoneMonth,
      donePerMonth: p.donePerMonth,
      overdueMonths: p.overdueMonths,
      sections: p.sections,
      tasks: p.tasks,
      history: p.history,
      life: p.life,
    })),
    series: series.map((s) => ({
      slug: s.slug,
      url: s.url,
      plans: s.plans.map((p) => p.progressUrl),
      done: s.done,
      total: s.total,
      open: s.open,
      percent: s.percent,
      openDays: s.openDays,
      openWithoutEstimate: s.openWithoutEstimate,
    })),
  })}\n`;
}
