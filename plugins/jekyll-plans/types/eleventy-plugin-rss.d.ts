declare module "@11ty/eleventy-plugin-rss" {
  export function dateToRfc3339(date: Date): string;
  export function absoluteUrl(url: string, base: string): string;
  export function convertHtmlToAbsoluteUrls(html: string, base: string): Promise<string>;
}
