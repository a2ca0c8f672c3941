/**
 * Glue: each post as a virtual template of finished HTML (no template language runs over a
 * post body), the pages that stand for posts that could not be built (in the preview), and
 * the scripts posts may need.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Diagnostic } from "../diagnostics.ts";
import { virtualTemplate, type EleventyConfig } from "../eleventy.ts";
import type { ResolvedOptions } from "../options.ts";
import { dateInZone, parsePostFileName } from "../posts/dates.ts";
import { outputPathOf, patternPermalink } from "../posts/url.ts";
import type { BuiltSite } from "../site.ts";
import type { PageTemplates } from "./templates.ts";

const POSTS_VIRTUAL_DIR = "_posts";
export const GENERATED_DIR = "_jekyll-plans";
/** The Eleventy collection every post is in (`collections.jekyllPosts`), for sites that want one. */
const POSTS_COLLECTION = "jekyllPosts";

/** Where the plugin's own scripts go: MathJax (from the mathjax package) and the image zoom. */
const ASSETS_DIR = "/assets/jekyll-plans";
/** The files copied there, as output paths. */
export const ASSET_FILES = [`${ASSETS_DIR}/mathjax/tex-svg-full.js`, `${ASSETS_DIR}/mathjax/config.js`, `${ASSETS_DIR}/zoom.js`];
/** The output folder that is the plugin's own. */
export const ASSETS_FOLDER = `${ASSETS_DIR}/`;

/** The scripts a page's HTML needs: MathJax when it has math, the zoom for `data-action="zoom"` images. */
export function scriptsFor(html: string, math: boolean): string {
  let out = "";
  if (math) out += `\n<script src="${ASSETS_DIR}/mathjax/config.js"></script>\n<script async src="${ASSETS_DIR}/mathjax/tex-svg-full.js"></script>`;
  if (html.includes('data-action="zoom"') && /\sdata-action="zoom"/.test(html)) out += `\n<script defer src="${ASSETS_DIR}/zoom.js"></script>`;
  return out ? `${out}\n` : "";
}

/** The site's name for a header: its title, else its address's host, else "Blog". */
export function siteName(site: { title: string; url: string }): string {
  const title = site.title.trim();
  if (title) return title;
  try {
    return new URL(site.url).host || "Blog";
  } catch {
    return "Blog";
  }
}

/**
 * Every post at its URL, in its layout (none when that layout is missing: the error says
 * so), and the model as global data. Front matter reaches templates as `post.*` only: never as Eleventy's own keys or site data.
 */
export function registerPosts(
  eleventyConfig: EleventyConfig,
  site: BuiltSite,
  options: ResolvedOptions,
  missingLayout: ReadonlySet<string>,
  taken: Set<string>,
): void {
  // The model for the site's own templates (home, archives of its own): `blog.posts`, `blog.plans` …
  // `blog.site.name` is what a header or a <title> can show: a blank title (`title: ' '`) is no name.
  eleventyConfig.addGlobalData("blog", { ...site.model, site: { ...options.site, name: siteName(options.site) } });
  for (const { built: parsed, page, html } of site.records) {
    const body = html + scriptsFor(html, parsed.post.math);
    taken.add(parsed.post.url);
    eleventyConfig.addTemplate(
      `${POSTS_VIRTUAL_DIR}/${parsed.post.relativePath.replace(/\.[^./]+$/, "")}.11ty.js`,
      // What the page shows of other posts: their links (for the preview's quick update, quick.ts).
      virtualTemplate({ render: () => body, shows: [parsed.post.url, ...[page.previous, page.next].flatMap((l) => (l ? [l.url] : []))] }),
      {
        title: parsed.post.title,
        layout: missingLayout.has(parsed.post.url) ? false : parsed.post.layout,
        date: parsed.dateTime.toJSDate(),
        permalink: outputPathOf(parsed.post.url),
        // Jekyll's tags are not Eleventy collections (they could clash with Eleventy's own names).
        tags: [POSTS_COLLECTION],
        post: page,
      },
    );
  }
  // MathJax and the image zoom are copied once, whether or not a page uses them.
  eleventyConfig.addPassthroughCopy({
    [fileURLToPath(import.meta.resolve("mathjax/es5/tex-svg-full.js"))]: ASSET_FILES[0]!,
    [fileURLToPath(new URL("../assets/mathjax-config.js", import.meta.url))]: ASSET_FILES[1]!,
    [fileURLToPath(new URL("../assets/zoom.js", import.meta.url))]: ASSET_FILES[2]!,
  });
}

/** The URLs posts with errors would have had, from their file names (when those can be read). */
function brokenPostUrls(errors: readonly { file: string }[], options: ResolvedOptions): { file: string; url: string }[] {
  const out: { file: string; url: string }[] = [];
  for (const file of new Set(errors.map((e) => e.file))) {
    if (!path.resolve(file).startsWith(path.resolve(options.postsDir))) continue;
    const name = parsePostFileName(path.basename(file));
    const date = name && dateInZone(name.year, name.month, name.day, options.timeZone);
    if (!name || !date) continue;
    try {
      const located = patternPermalink(options.permalink, { date, slug: name.slug, categories: [] });
      if ("url" in located) out.push({ file, url: located.url });
    } catch {
      continue;
    }
  }
  return out;
}

/** In the preview, a post that cannot be built shows its errors at its URL. */
export function registerBrokenPosts(
  eleventyConfig: EleventyConfig,
  errors: readonly Diagnostic[],
  options: ResolvedOptions,
  taken: Set<string>,
  templates: PageTemplates,
): void {
  for (const [i, { file, url }] of brokenPostUrls(errors, options).entries()) {
    if (taken.has(url)) continue;
    taken.add(url);
    const page = () =>
      templates.render("document", { title: options.strings.brokenTitle, lang: options.locale, body: templates.render("broken-post", { file }) });
    eleventyConfig.addTemplate(`${GENERATED_DIR}/errors/${i}.11ty.js`, virtualTemplate({ render: page }), {
      layout: false,
      eleventyExcludeFromCollections: true,
      permalink: outputPathOf(url),
    });
  }
}
