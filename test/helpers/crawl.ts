// Every internal link and image of a built site, checked against the files it wrote.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { all, attr, parseHtml } from "./html.ts";

const REFERENCES: Record<string, string[]> = {
  a: ["href"],
  img: ["src"],
  link: ["href"],
  script: ["src"],
  iframe: ["src"],
  source: ["src"],
  video: ["src", "poster"],
  audio: ["src"],
};

/** The file a URL path is served from, as a static host serves it; null when there is none. */
export function servedFile(output: string, urlPath: string): string | null {
  const file = path.join(output, decodeURIComponent(urlPath));
  for (const candidate of [file, path.join(file, "index.html"), `${file}.html`]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** `page → url` for each internal reference that no file answers. */
export function brokenReferences(output: string): string[] {
  const broken: string[] = [];
  const pages = (readdirSync(output, { recursive: true, encoding: "utf8" }) as string[]).filter((f) => f.endsWith(".html") && !f.startsWith("pagefind"));
  for (const page of pages) {
    const base = new URL(`http://site.invalid/${page.split(path.sep).join("/")}`);
    for (const el of all(parseHtml(readFileSync(path.join(output, page), "utf8")), (e) => e.name in REFERENCES)) {
      for (const name of REFERENCES[el.name]!) {
        const value = attr(el, name);
        if (!value || /^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith("//") || value.startsWith("#")) continue;
        const url = new URL(value, base);
        if (!servedFile(output, url.pathname)) broken.push(`${page} → ${value}`);
      }
    }
  }
  return broken;
}
