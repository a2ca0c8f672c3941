/**
 * A plan's life in version control and across a plan series, as data: which commit first
 * held each task, in which it was marked done (or unmarked), what the working tree has not
 * committed yet, and how the tasks of consecutive plans of a series continue each other.
 *
 * Pure: the versions of a post are read by the caller (`history/git.ts`); this module only
 * matches tasks. Tasks are matched by their text, normalised (NFKC, lower case, no
 * whitespace); tasks whose text changed a little are matched by similarity: the Dice
 * coefficient over the character bigrams of the normalised texts, at least `threshold`
 * (option `taskSimilarity`, default 0.8), the most similar pairs first.
 */
import type { MarkdownIt } from "markdown-it";
import { DateTime } from "luxon";
import type { TaskMark } from "../markdown/tasks.ts";
import { paceOf, type Plan, type PlanTask } from "./model.ts";

/** A commit as the history gives it. */
export interface Commit {
  hash: string;
  /** Author date, ISO 8601 with the author's offset (`2021-07-03T10:00:00+08:00`). */
  date: string;
}

/** A commit with its day in the site's time zone and its short hash, as pages show it. */
export interface DatedCommit extends Commit {
  /** `YYYY-MM-DD` in the site's time zone. */
  day: string;
  /** The first 7 characters of the hash. */
  short: string;
}

/** One committed version of a post's source. */
export interface PostVersion {
  commit: Commit;
  text: string;
}

/** A post's committed versions, oldest first. */
export interface PostHistory {
  versions: PostVersion[];
}

/** A task's open or done state in one version of a post. */
export interface TaskState {
  text: string;
  done: boolean;
}

/** When a task's state was committed. Commits are given as the history gives them. */
export interface TaskDates<C extends Commit = Commit> {
  /** The first commit that holds the task. */
  added: C | null;
  /**
   * The commit since which the task has been done without a break (when it was ticked), or
   * the first commit that holds it when it was already done there (see `doneBy`).
   */
  done: C | null;
  /** The first commit in which the task was done (ticked, or done already when first committed). */
  firstDone: C | null;
  /** Done already in the first commit that holds it: done by that commit's date, maybe earlier. */
  doneBy: boolean;
  /** The last commit that unmarked it after it had been done, if any. */
  reopened: C | null;
  /** The working tree holds the task, or its box, in a state no commit has yet. */
  uncommitted: boolean;
}

/** Where a done task's month comes from. */
export type DoneSource = "heading" | "commit" | "uncommitted";

/** The default similarity (Dice over character bigrams) at or above which two texts are one task. */
export const DEFAULT_SIMILARITY = 0.8;
/** Above this many candidate pairs, only equal texts are matched (the similarity pass is quadratic). */
const MAX_SIMILARITY_PAIRS = 4_000_000;

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/** The task items of a post's source (front matter skipped), in order, parsed as the post is. */
export function taskStatesOf(md: MarkdownIt, source: string): TaskState[] {
  const body = source.replace(FRONT_MATTER, "");
  const out: TaskState[] = [];
  for (const t of md.parse(body, { sourcePath: "(history)" })) {
    const mark = t.type === "list_item_open" ? (t.meta?.task as TaskMark | undefined) : undefined;
    if (mark) out.push({ text: mark.text, done: mark.done });
  }
  return out;
}

/** A task's text as it is compared: NFKC, lower case, without whitespace. */
export function taskKey(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/gu, "");
}

function bigrams(key: string): Map<string, number> {
  const out = new Map<string, number>();
  const chars = [...key];
  if (chars.length === 1) out.set(chars[0]!, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const b = chars[i]! + chars[i + 1]!;
    out.set(b, (out.get(b) ?? 0) + 1);
  }
  return out;
}

/** Dice coefficient over the character bigrams of two keys: 1 for equal keys, 0 for nothing shared. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const x = bigrams(a);
  const y = bigrams(b);
  let shared = 0;
  let sizeX = 0;
  let sizeY = 0;
  for (const n of x.values()) sizeX += n;
  for (const [g, n] of y) {
    sizeY += n;
    shared += Math.min(n, x.get(g) ?? 0);
  }
  return sizeX + sizeY === 0 ? 0 : (2 * shared) / (sizeX + sizeY);
}

/**
 * Pairs the tasks of `after` with those of `before` (texts): equal keys first, in order;
 * then, among the rest, the most similar pairs at or above `threshold` (ties: earlier tasks
 * first). Returns, for each task of `after`, the index of its task in `before`, or -1.
 */
export function matchTasks(before: readonly string[], after: readonly string[], threshold: number): number[] {
  const match = new Array<number>(after.length).fill(-1);
  const beforeKeys = before.map(taskKey);
  const afterKeys = after.map(taskKey);
  const queues = new Map<string, number[]>();
  beforeKeys.forEach((k, i) => (queues.get(k) ?? queues.set(k, []).get(k)!).push(i));
  const taken = new Set<number>();
  afterKeys.forEach((k, i) => {
    const q = queues.get(k);
    if (q?.length) {
      match[i] = q.shift()!;
      taken.add(match[i]!);
    }
  });
  if (threshold > 1) return match;
  const restBefore = beforeKeys.flatMap((_, i) => (taken.has(i) ? [] : [i]));
  const restAfter = afterKeys.flatMap((_, i) => (match[i]! >= 0 ? [] : [i]));
  if (restBefore.length === 0 || restAfter.length === 0 || restBefore.length * restAfter.length > MAX_SIMILARITY_PAIRS) return match;
  const pairs: { a: number; b: number; s: number }[] = [];
  for (const a of restAfter) {
    for (const b of restBefore) {
      const s = similarity(beforeKeys[b]!, afterKeys[a]!);
      if (s >= threshold) pairs.push({ a, b, s });
    }
  }
  pairs.sort((p, q) => q.s - p.s || p.a - q.a || p.b - q.b);
  const usedBefore = new Set<number>();
  for (const { a, b } of pairs) {
    if (match[a]! >= 0 || usedBefore.has(b)) continue;
    match[a] = b;
    usedBefore.add(b);
  }
  return match;
}

/**
 * The dates of each task of `current` (the post as it is built, the working tree) from the
 * post's committed versions (oldest first, each with its tasks), matched version to version.
 */
export function taskDates(versions: readonly { commit: Commit; tasks: readonly TaskState[] }[], current: readonly TaskState[], threshold: number): TaskDates[] {
  let previous: { state: TaskState; dates: TaskDates }[] = [];
  for (const v of versions) {
    const match = matchTasks(
      previous.map((p) => p.state.text),
      v.tasks.map((t) => t.text),
      threshold,
    );
    previous = v.tasks.map((state, i) => {
      const old = match[i]! >= 0 ? previous[match[i]!]! : null;
      if (!old) {
        const done = state.done ? v.commit : null;
        return { state, dates: { added: v.commit, done, firstDone: done, doneBy: state.done, reopened: null, uncommitted: false } };
      }
      const dates = { ...old.dates };
      if (state.done && !old.state.done) {
        dates.done = v.commit;
        dates.firstDone ??= v.commit;
        dates.doneBy = false;
      } else if (!state.done && old.state.done) {
        dates.done = null;
        dates.doneBy = false;
        dates.reopened = v.commit;
      }
      return { state, dates };
    });
  }
  const match = matchTasks(
    previous.map((p) => p.state.text),
    current.map((t) => t.text),
    threshold,
  );
  return current.map((state, i) => {
    const old = match[i]! >= 0 ? previous[match[i]!]! : null;
    if (!old) return { added: null, done: null, firstDone: null, doneBy: false, reopened: null, uncommitted: true };
    // Ticked or unticked in the working tree only: the committed date does not hold yet.
    if (old.state.done !== state.done) return { ...old.dates, done: null, doneBy: false, uncommitted: true };
    return { ...old.dates };
  });
}

/** The month of a commit's date in the site's time zone, `YYYY-MM`. */
export function commitMonth(commit: Commit, timeZone: string): string {
  return DateTime.fromISO(commit.date, { setZone: true }).setZone(timeZone).toFormat("yyyy-MM");
}

/** The day of a commit's date in the site's time zone, `YYYY-MM-DD`. */
export function commitDay(commit: Commit, timeZone: string): string {
  return DateTime.fromISO(commit.date, { setZone: true }).setZone(timeZone).toFormat("yyyy-MM-dd");
}

/**
 * The plan with its tasks dated by `dates` (one per task, in order) from the history at
 * `head`: a done task without a dated heading takes the month of the commit that ticked it
 * (a task done already in the first commit that holds it gets no month: see `TaskDates.doneBy`).
 * Returns a new plan; `plan` is not changed (it may be cached).
 */
export function withHistory(plan: Plan, dates: readonly TaskDates[], head: string, timeZone: string): Plan {
  const dated = (c: Commit | null): DatedCommit | null => (c ? { ...c, day: commitDay(c, timeZone), short: c.hash.slice(0, 7) } : null);
  const tasks = plan.tasks.map((t, i): PlanTask => {
    const d = dates[i];
    const history: TaskDates<DatedCommit> | null = d
      ? { ...d, added: dated(d.added), done: dated(d.done), firstDone: dated(d.firstDone), reopened: dated(d.reopened) }
      : null;
    if (!t.done || t.doneSource === "heading" || !history) return { ...t, history };
    if (history.uncommitted) return { ...t, history, doneMonth: null, doneSource: "uncommitted" };
    // Ticked in a commit: that commit's month. Done already when first committed ("done by"):
    // no month (it may have been done long before), so it is in no monthly count.
    if (history.done && !history.doneBy) return { ...t, history, doneMonth: commitMonth(history.done, timeZone), doneSource: "commit" };
    return { ...t, history };
  });
  return { ...plan, tasks, ...paceOf(tasks, plan.open), history: { head } };
}

/**
 * Links each plan of a series (newest first) with the one before it: its `life` counts and,
 * on each task, the same task in the earlier plans. Returns new plans.
 */
export function withSeriesLife(plans: readonly Plan[], threshold: number): Plan[] {
  const out = plans.map((p) => ({ ...p, tasks: p.tasks.map((t) => ({ ...t, earlier: [...t.earlier] })) }));
  // Oldest first, so that a task's earlier appearances accumulate along the series.
  for (let k = out.length - 2; k >= 0; k--) {
    const plan = out[k]!;
    const previous = out[k + 1]!;
    const match = matchTasks(
      previous.tasks.map((t) => t.text),
      plan.tasks.map((t) => t.text),
      threshold,
    );
    const matched = new Set<number>();
    let carried = 0;
    let finished = 0;
    plan.tasks.forEach((t, i) => {
      const j = match[i]!;
      if (j < 0) return;
      matched.add(j);
      const before = previous.tasks[j]!;
      t.earlier = [{ planDay: previous.day, progressUrl: previous.progressUrl, url: before.url, done: before.done }, ...before.earlier];
      if (!before.done) {
        carried++;
        if (t.done) finished++;
      }
    });
    const dropped = previous.tasks.filter((t, j) => !t.done && !matched.has(j)).length;
    plan.life = { previous: previous.progressUrl, new: plan.tasks.length - matched.size, carried, finished, dropped };
  }
  return out;
}
