/** Months named in section headings: `2021-07`, `2021.07`, `2021/07`, `2021年7月`. */

export type HeadingMonth = { month: string } | { invalid: string } | null;

const NUMERIC = /(?<![\d.])(\d{4})[-./](\d{1,2})(?![\d])(?:[-./]\d{1,2}(?!\d))?/u;
const CHINESE = /(\d{4})\s*年\s*(\d{1,2})\s*月/u;

/**
 * The month a heading names, as `YYYY-MM`; `{ invalid }` when it names an
 * impossible one (`2021-13`); null when it names none.
 */
export function monthOfHeading(text: string): HeadingMonth {
  // A section number (`5.1.1. `, `1000.1. `) ends with a dot and is not a date.
  const rest = text.replace(/^\s*\d+(?:\.\d+)*\.\s+/, "");
  const m = CHINESE.exec(rest) ?? NUMERIC.exec(rest);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12 || year < 1900 || year > 2999) return { invalid: m[0] };
  return { month: `${m[1]}-${String(month).padStart(2, "0")}` };
}

/** Months from `first` to `last` inclusive, `YYYY-MM`. */
export function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split("-").map(Number) as [number, number];
  const [ly, lm] = last.split("-").map(Number) as [number, number];
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** Tasks done per month across plans, every month from the first to the last with any. */
export function mergeMonths(series: readonly (readonly { month: string; done: number }[])[]): { month: string; done: number }[] {
  const sum = new Map<string, number>();
  for (const s of series) for (const m of s) sum.set(m.month, (sum.get(m.month) ?? 0) + m.done);
  const months = [...sum.keys()].sort();
  if (months.length === 0) return [];
  return monthRange(months[0]!, months[months.length - 1]!).map((month) => ({ month, done: sum.get(month) ?? 0 }));
}
