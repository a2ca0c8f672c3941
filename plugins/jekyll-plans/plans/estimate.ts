/**
 * Estimates in the free text of a task, in days: `- 2 天`, `（7 天）`, `(3 天)`,
 * `2天`, `0.5 天`, `两天`, `半天`, `3 days`, `2d`, `4h`, `3 小时`. When a task
 * states several, the largest wins (a note often repeats the estimate).
 * `每天` ("every day"), `每 2 天` and dates are not estimates.
 */

const CHINESE_NUMBERS: Record<string, number> = {
  半: 0.5, 一: 1, 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10,
};

const NUMBER = String.raw`(\d+(?:\.\d+)?|[半一两二三四五六七八九十])`;
// A number must not continue a longer number, a date or a word (`2021-07`, `v2d`), and
// must not follow 每 ("every").
const BEFORE = String.raw`(?<![\d.\-/:A-Za-z_每])(?<!每\s+)`;
const DAY_UNITS = String.raw`(?:\s*(?:个)?\s*(?:天|日|工作日)|\s*(?:days?|d)\b)`;
const HOUR_UNITS = String.raw`(?:\s*(?:个)?\s*(?:小时|钟头)|\s*(?:hours?|hrs?|h)\b)`;
const ESTIMATE = new RegExp(`${BEFORE}${NUMBER}(?:(${DAY_UNITS})|(${HOUR_UNITS}))`, "giu");

function numberOf(text: string): number {
  return CHINESE_NUMBERS[text] ?? Number(text);
}

/** Every estimate stated in `text`, in days. */
export function estimatesIn(text: string, hoursPerDay = 8): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(ESTIMATE)) {
    const n = numberOf(m[1]!);
    if (!Number.isFinite(n) || n <= 0) continue;
    // A Chinese numeral glued after a Han character is part of a word (`第一天`, `统一天`).
    if (/^[半一两二三四五六七八九十]$/.test(m[1]!) && /[\p{Script=Han}]/u.test(text[m.index! - 1] ?? "") && !/[-（(：:\s]/.test(text[m.index! - 1] ?? "")) {
      if (!(m[1] === "半" && text[m.index! - 1] === "个")) continue;
    }
    out.push(m[2] !== undefined ? n : n / hoursPerDay);
  }
  return out;
}

/** The task's estimate in days (the largest stated), or null when it states none. */
export function estimateDays(text: string, hoursPerDay = 8): number | null {
  const all = estimatesIn(text, hoursPerDay);
  return all.length > 0 ? Math.max(...all) : null;
}

/**
 * Text that looks like an estimate the parser could not read: ` - 几天`, `（? 天）`,
 * `- TBD days`. Returns the suspicious part, or null.
 */
export function unreadableEstimate(text: string): string | null {
  if (estimatesIn(text).length > 0) return null;
  const m = /(?:\s-\s*|[（(]\s*)([^\s（）()\d][^（）()]{0,5}?)\s*(天|days?|小时|hours?)\s*[)）]?\s*[。.]?\s*$/iu.exec(text);
  if (!m || /^[每今明昨前后当整]/.test(m[1]!)) return null;
  return m[0].trim();
}
