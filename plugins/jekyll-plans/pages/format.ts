/** Numbers as the generated pages show them. */

/** Days as a person reads them: `2 天`, `0.5 天`. */
export function days(n: number): string {
  return `${Number.isInteger(n) ? n : n.toFixed(n * 10 === Math.round(n * 10) ? 1 : 2)} 天`;
}
