// A plan model read from markdown, as the site reads a plan post, for the unit tests.
import { Diagnostics } from "../../plugins/jekyll-plans/diagnostics.ts";
import { createMarkdown } from "../../plugins/jekyll-plans/markdown/index.ts";
import { buildPlan, type Plan, type PlanInput, type PlanSettings } from "../../plugins/jekyll-plans/plans/model.ts";

export const md = createMarkdown();

/** The plan of `src` (a post body) at `postUrl`, dated from the URL; `input` and `settings` override. */
export function planFrom(
  src: string,
  { postUrl = "/2021/07/01/plan/", referenceMonth = "2021-08", ...input }: Partial<PlanInput> & { referenceMonth?: string } = {},
  diagnostics = new Diagnostics(),
): Plan {
  const env = {};
  const day = /^\/(\d{4})\/(\d{2})\/(\d{2})\//.exec(postUrl);
  return buildPlan(
    md,
    {
      title: "计划",
      slug: "plan",
      postUrl,
      day: day ? `${day[1]}-${day[2]}-${day[3]}` : "2021-07-01",
      progressUrl: `/progress${postUrl}`,
      sourcePath: "p.md",
      tokens: md.parse(src, env),
      bodyLine: 5,
      env,
      ...input,
    },
    { hoursPerDay: 8, daysPerWeek: 5, daysPerMonth: 20, referenceMonth } satisfies PlanSettings,
    diagnostics,
  );
}
