/** Small, tested building blocks for the generated pages: days as text, and the document around a page for sites without a layout. */
import { escapeHtml } from "../markdown/text.ts";

export { escapeHtml };

/** Days as a person reads them: `2 天`, `0.5 天`. */
export function days(n: number): string {
  return `${Number.isInteger(n) ? n : n.toFixed(n * 10 === Math.round(n * 10) ? 1 : 2)} 天`;
}

/** A whole HTML document around a generated page, for sites without a layout for it. */
export function standalonePage(title: string, lang: string, body: string): string {
  return (
    `<!doctype html>\n<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>` +
    `<body>${body}</body></html>\n`
  );
}
