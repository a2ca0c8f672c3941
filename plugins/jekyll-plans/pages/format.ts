/** Numbers as the generated pages show them. */

import { DEFAULT_STRINGS, fill } from "./strings.ts";

/** Days as a person reads them: `2 天`, `0.5 天` (`template`: the words around the number). */
export function days(n: number, template = DEFAULT_STRINGS.days): string {
  return fill(template, { n: Number.isInteger(n) ? n : n.toFixed(n * 10 === Math.round(n * 10) ? 1 : 2) });
}
