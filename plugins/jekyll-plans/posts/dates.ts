import { DateTime } from "luxon";

/** Jekyll's markdown extensions (its `markdown_ext` default), in any case. */
export const MARKDOWN_EXTENSION = /\.(?:md|markdown|mkd|mkdn|mkdown)$/i;
/** A post in `_posts` is markdown or HTML (written as is). */
export const POST_EXTENSION = /\.(?:md|markdown|mkd|mkdn|mkdown|html?)$/i;

/**
 * `YYYY-MM-DD-slug.md` → its parts; null when the name does not follow Jekyll's
 * pattern. As in Jekyll, month and day may have one digit (`2021-1-1-x.md`).
 */
export function parsePostFileName(name: string): { year: number; month: number; day: number; slug: string } | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})-(.+)\.(?:md|markdown|mkd|mkdn|mkdown|html?)$/i.exec(name);
  if (!m || m[4]!.trim() === "") return null;
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), slug: m[4]! };
}

/** Midnight of a calendar date in `zone`; null when the date does not exist (`2021-02-30`). */
export function dateInZone(year: number, month: number, day: number, zone: string): DateTime | null {
  const d = DateTime.fromObject({ year, month, day }, { zone });
  return d.isValid ? d : null;
}

const FORMATS = [
  "yyyy-MM-dd HH:mm:ss ZZZ",
  "yyyy-MM-dd HH:mm:ss ZZ",
  "yyyy-MM-dd HH:mm ZZZ",
  "yyyy-MM-dd HH:mm ZZ",
  "yyyy-MM-dd HH:mm:ss",
  "yyyy-MM-dd HH:mm",
  "yyyy-MM-dd",
];

/**
 * A front matter date as Jekyll accepts it (`2021-07-31`, `2021-07-31 23:30`,
 * `2021-07-31 23:30:00 +0800`, ISO 8601), read in `zone` unless it carries an
 * offset, and returned in `zone`. Null when it is not a real date.
 */
export function parseFrontMatterDate(value: string, zone: string): DateTime | null {
  // Ruby's Time.parse, which Jekyll uses, also reads a zone written as UTC, GMT or Z.
  const text = value
    .trim()
    .replace(/\s*(?:UTC|GMT|Z)$/i, " +0000")
    .replace(/T(\d{2}:\d{2}(?::\d{2})?) \+0000$/, "T$1+00:00");
  const iso = DateTime.fromISO(text, { zone, setZone: true });
  if (iso.isValid) return iso.setZone(zone);
  for (const format of FORMATS) {
    const d = DateTime.fromFormat(text, format, { zone, setZone: true });
    if (d.isValid) return d.setZone(zone);
  }
  return null;
}
