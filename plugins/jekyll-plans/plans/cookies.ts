/**
 * Progress cookies in the post, org-mode style: `[3/7] 43%` after each heading
 * whose section holds tasks. They are added to the heading's inline tokens
 * after ids and the TOC were made, so neither changes: tag tokens whose `meta.counts`
 * holds the numbers.
 */
import type { MarkdownIt, Token } from "markdown-it";
import type { Counts, Plan, PlanSection } from "./model.ts";

export function cookieText(c: Counts): string {
  return `[${c.done}/${c.total}] ${c.percent}%`;
}

export function addProgressCookies(md: MarkdownIt, tokens: Token[], plan: Plan): void {
  const byId = new Map<string, PlanSection>();
  const walk = (s: PlanSection): void => {
    byId.set(s.id, s);
    s.children.forEach(walk);
  };
  plan.sections.forEach(walk);
  const TokenClass = new md.core.State("", md, {}).Token;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type !== "heading_open") continue;
    const section = byId.get(String(t.attrGet("id")));
    const inline = tokens[i + 1];
    if (!section || section.total === 0 || !inline?.children) continue;
    const space = new TokenClass("text", "", 0);
    space.content = " ";
    const open = new TokenClass("progress_cookie_open", "span", 1);
    open.attrs = [
      ["class", section.done === section.total ? "progress-cookie complete" : "progress-cookie"],
      ["data-pagefind-ignore", ""],
      ["title", `${section.total} 项任务，完成 ${section.done} 项`],
    ];
    open.meta = { counts: { done: section.done, total: section.total, percent: section.percent } };
    const text = new TokenClass("text", "", 0);
    text.content = cookieText(section);
    const close = new TokenClass("progress_cookie_close", "span", -1);
    inline.children.push(space, open, text, close);
  }
}
