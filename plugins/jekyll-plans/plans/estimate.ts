/**
 * Estimates in the free text of a task, in days: `- 2 天`, `（7 天）`, `(3 天)`, `2天`,
 * `0.5 天`, `1,5 天`, `两天`, `半天`, `3 days`, `2d`, `4h`, `3 小时`, `2 周`, `3 个月`,
 * `2 weeks`, ranges `2-3 天` / `2~3 天` / `2 到 3 天` (the upper bound), full-width
 * digits `１２天`. When a task states several, the largest wins (a note often repeats
 * the estimate). `每天` ("every day"), `每 2 天`, `第 2 天` ("the 2nd day") and dates are
 * not estimates.
 */

/** How estimates in hours, weeks and months become days. */
export interface EstimateUnits {
  /** Working hours in a day. Default 8. */
  hoursPerDay: number;
  /** Working days in a week. Default 5. */
  daysPerWeek: number;
  /** Working days in a month. Default 20. */
  daysPerMonth: number;
}

export const DEFAULT_UNITS: EstimateUnits = { hoursPerDay: 8, daysPerWeek: 5, daysPerMonth: 20 };

const CHINESE_NUMBERS: Record<string, number> = {
  半: 0.5,
  一: 1,
  两: 2,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};

// A decimal point or a decimal comma followed by one or two digits (`1,5`; `1,500` is not one).
const DIGITS = String.raw`\d+(?:[.,]\d{1,2}(?!\d))?`;
const NUMBER = String.raw`(${DIGITS}|[半一两二三四五六七八九十])`;
// A range's lower bound: `2-3`, `2~3`, `2–3`, `2 到 3`, `2至3`.
const RANGE = String.raw`(?:(${DIGITS}|[一两二三四五六七八九十])\s*(?:-|~|–|—|到|至)\s*)?`;
// A number must not continue a longer number, a date or a word (`2021-07`, `v2d`), and
// must not follow 每 ("every") or 第 ("the n-th").
const BEFORE = String.raw`(?<![\d.,\-/:A-Za-z_每第~–—])(?<!(?:每|第)\s+)`;
const UNITS: [kind: keyof typeof FACTOR, pattern: string][] = [
  ["day", String.raw`\s*(?:个)?\s*(?:天|日|工作日)|\s*(?:days?|d)\b`],
  ["hour", String.raw`\s*(?:个)?\s*(?:小时|钟头)|\s*(?:hours?|hrs?|h)\b`],
  ["week", String.raw`\s*(?:个)?\s*(?:周|星期|礼拜)|\s*(?:weeks?|wks?)\b`],
  ["month", String.raw`\s*个\s*月|\s*months?\b`],
];
const FACTOR = {
  day: (_: EstimateUnits) => 1,
  hour: (u: EstimateUnits) => 1 / u.hoursPerDay,
  week: (u: EstimateUnits) => u.daysPerWeek,
  month: (u: EstimateUnits) => u.daysPerMonth,
};
// What every estimate holds: a number, then the first character of a unit (a cheap test that
// skips most text; every alternative of UNITS starts with one of these after the number).
const NUMBER_THEN_UNIT = /[\d半一两二三四五六七八九十]\s*(?:个\s*)?[天日工小钟周星礼月dhwm]/iu;
const ESTIMATE = new RegExp(`${BEFORE}${RANGE}${NUMBER}(?:${UNITS.map(([, p]) => `(${p})`).join("|")})`, "giu");

function numberOf(text: string): number {
  return CHINESE_NUMBERS[text] ?? Number(text.replace(",", "."));
}

/** Units given as a number are hours per day (the older signature). */
function unitsOf(units: Partial<EstimateUnits> | number | undefined): EstimateUnits {
  if (typeof units === "number") return { ...DEFAULT_UNITS, hoursPerDay: units };
  return { ...DEFAULT_UNITS, ...units };
}

/** Every estimate stated in `text`, in days. */
export function estimatesIn(text: string, units?: Partial<EstimateUnits> | number): number[] {
  const u = unitsOf(units);
  // Full-width digits and punctuation (`１２天`, `（３天）`) read as their ASCII forms.
  const normal = text.normalize("NFKC");
  const out: number[] = [];
  if (!NUMBER_THEN_UNIT.test(normal)) return out;
  for (const m of normal.matchAll(ESTIMATE)) {
    const n = numberOf(m[2]!);
    if (!Number.isFinite(n) || n <= 0) continue;
    const at = m.index! + (m[1] ? m[0].indexOf(m[1]) : m[0].indexOf(m[2]!));
    // A Chinese numeral glued after a Han character is part of a word (`第一天`, `统一天`).
    const before = normal[at - 1] ?? "";
    if (/^[半一两二三四五六七八九十]$/.test(m[1] ?? m[2]!) && /[\p{Script=Han}]/u.test(before) && !/[-（(：:\s]/.test(before)) {
      if (!(m[2] === "半" && before === "个")) continue;
    }
    const kind = UNITS[m.slice(3).findIndex((g) => g !== undefined)]![0];
    const low = m[1] !== undefined ? numberOf(m[1]) : 0;
    out.push(Math.max(n, low) * FACTOR[kind](u));
  }
  return out;
}

/** The task's estimate in days (the largest stated), or null when it states none. */
export function estimateDays(text: string, units?: Partial<EstimateUnits> | number): number | null {
  const all = estimatesIn(text, units);
  return all.length > 0 ? Math.max(...all) : null;
}

/**
 * Text that looks like an estimate the parser could not read: ` - 几天`, `（? 天）`,
 * `- TBD days`, `- 几周`. Returns the suspicious part, or null. `read`: whether the
 * text is already known to state an estimate (then nothing is unreadable).
 */
export function unreadableEstimate(text: string, read = estimatesIn(text).length > 0): string | null {
  if (read) return null;
  const m = /(?:\s-\s*|[（(]\s*)([^\s（）()\d][^（）()]{0,5}?)\s*(天|days?|小时|hours?|周|星期|weeks?|个月|months?)\s*[)）]?\s*[。.]?\s*$/iu.exec(text);
  if (!m || /^[每今明昨前后当整上下本这]/.test(m[1]!)) return null;
  return m[0].trim();
}
