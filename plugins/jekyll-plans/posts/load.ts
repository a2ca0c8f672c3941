import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { POST_EXTENSION } from "./dates.ts";

/**
 * The markdown files below a Jekyll `_posts` folder, as paths relative to it
 * with `/` separators, sorted so that every build sees them in the same order.
 * Markdown (any of Jekyll's extensions, any case) and HTML files are posts; hidden
 * files are skipped, and so are files of other kinds (images beside posts).
 */
export function listPostFiles(dir: string): string[] {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`[jekyll-plans] the posts folder "${dir}" does not exist or is not a folder (option postsDir)`);
  }
  return (readdirSync(dir, { recursive: true, encoding: "utf8" }) as string[])
    .map((p) => p.split(path.sep).join("/"))
    .filter((p) => POST_EXTENSION.test(p) && !p.split("/").some((part) => part.startsWith(".")))
    .sort();
}

export function readSource(dir: string, relativePath: string): string {
  return readFileSync(path.join(dir, relativePath), "utf8");
}
