/** Numbers as the generated pages show them. */

import { DEFAULT_STRINGS, fill } from "./strings.ts";

/** Days as a person reads them: `2 天`, `0.5 天` (`template`: the words around the number). */
export function days(n: number, template = DEFAULT_STRINGS.days): string {
  return fill(template, { n: Number.isInteger(n) ? n : n.toFixed(n * 10 === Math.round(n * 10) ? 1 : 2) });
}

/** The first `max` characters (code points) of the text, with `…` when it is longer: reads no further. */
export function truncate(text: string, max: number): string {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    if (n === max) return `${text.slice(0, i)}…`;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
    n++;
  }
  return text;
}
