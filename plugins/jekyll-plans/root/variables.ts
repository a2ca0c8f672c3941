/**
 * The variables a site root's Liquid sees, shaped as Jekyll 4.3 shapes them: `site` holds every
 * setting of `_config.yml`, then what Jekyll computes (`posts`, `tags`, `categories`, `pages`,
 * `html_pages`, `static_files`, `data`, `time`); a post holds its front matter, then what Jekyll
 * computes for it (`url`, `date`, `id`, `slug`, `path`, `next`, `previous`…), which wins.
 * Plain data: Liquid reads it, nothing here runs.
 */
import { DateTime } from "luxon";
import type { Post } from "../posts/post.ts";

/** A root page or template as `site.pages` lists it. */
export interface PageVariables {
  /** Its path in the root, `/`-separated (`docs/about.md`). */
  path: string;
  url: string;
  /** Its front matter, as written. */
  data: Record<string, unknown>;
}

export interface SiteVariablesInput {
  /** `_config.yml`'s settings as written (unsafe keys dropped), or {}. */
  config: Record<string, unknown>;
  /** The site's title, description, URL and author as the options resolved them. */
  site: { title: string; description: string; url: string; author: { name: string; email?: string } };
  /** Newest first, as the model holds them. */
  posts: readonly Post[];
  /** A post's body as published (HTML), by its URL: `post.content`. */
  content?: (url: string) => string;
  /** A post's path in the root (`_posts/2021/….md`): `post.path`. */
  pathOf: (post: Post) => string;
  pages: readonly PageVariables[];
  /** Static files' paths in the root, `/`-separated. */
  statics: readonly string[];
  data: Record<string, unknown>;
  /** Jekyll's `site.time`: the build's date (ISO 8601). */
  time: string;
  /** The site's time zone: a time without an offset is of it. */
  timeZone: string;
}

/**
 * A time as Jekyll's Liquid prints one (Ruby's Time#to_s: `2021-07-01 10:00:00 +0800`), in
 * the zone it was given in; the date filters read it back.
 */
export function rubyTime(iso: string, zone: string): string {
  // A time with an offset keeps it; one without (a bare date) is of the site's zone.
  const time = DateTime.fromISO(iso, { zone, setZone: true });
  return time.isValid ? time.toFormat("yyyy-MM-dd HH:mm:ss ZZZ") : iso;
}

/** A page's own variables (`page.*`): its front matter, then `url`, `path`, `name`, `dir`. */
export function pageVariables(page: PageVariables): Record<string, unknown> {
  const name = page.path.slice(page.path.lastIndexOf("/") + 1);
  return { ...page.data, url: page.url, path: page.path, name, dir: page.url.slice(0, page.url.lastIndexOf("/") + 1) };
}

/** A post as Jekyll's Liquid sees it, without its neighbours. */
function postVariables(post: Post, pathOf: (post: Post) => string, content: (url: string) => string, zone: string): Record<string, unknown> {
  return {
    ...post.frontMatter,
    content: content(post.url),
    title: post.title,
    url: post.url,
    date: rubyTime(post.date, zone),
    categories: post.categories,
    tags: post.tags,
    excerpt: post.excerptHtml,
    id: post.url.replace(/\/$|\.html$/, ""),
    slug: post.slug,
    path: pathOf(post),
    layout: post.layout,
    collection: "posts",
    draft: false,
  };
}

const HTML_URL = /(?:\/|\.html?|\.xhtml)$/i;

/** `site.*` for Liquid. */
export function siteVariables(input: SiteVariablesInput): Record<string, unknown> {
  const shallow = input.posts.map((p) => postVariables(p, input.pathOf, input.content ?? (() => ""), input.timeZone));
  // `next` is the newer post, `previous` the older: shallow, so that `jsonify` ends.
  const posts = shallow.map((p, i) => ({ ...p, next: shallow[i - 1] ?? null, previous: shallow[i + 1] ?? null }));
  const grouped = (key: "categories" | "tags"): Record<string, unknown[]> => {
    // Without a prototype: a tag may be called `__proto__`.
    const out = Object.create(null) as Record<string, unknown[]>;
    input.posts.forEach((p, i) => {
      for (const name of p[key]) (out[name] ??= []).push(posts[i]);
    });
    return out;
  };
  const pages = input.pages.map(pageVariables);
  // `site.author.name` reads a mapping as in Jekyll; printed whole, it is the name (Jekyll
  // would print Ruby's `{"name"=>…}`).
  const configured = input.config.author;
  const author =
    configured !== null && typeof configured === "object" && !Array.isArray(configured)
      ? Object.defineProperty({ ...configured }, "toString", { value: () => input.site.author.name, enumerable: false })
      : (configured ?? (input.site.author.name || undefined));
  return {
    baseurl: "",
    ...input.config,
    title: input.site.title,
    description: input.site.description,
    url: input.site.url,
    ...(author === undefined ? {} : { author }),
    time: rubyTime(input.time, input.timeZone),
    posts,
    tags: grouped("tags"),
    categories: grouped("categories"),
    pages,
    html_pages: pages.filter((p) => HTML_URL.test(String(p.url))),
    static_files: input.statics.map((file) => {
      const name = file.slice(file.lastIndexOf("/") + 1);
      const extname = /\.[^.]+$/.exec(name)?.[0] ?? "";
      return { path: `/${file}`, name, basename: name.slice(0, name.length - extname.length), extname, collection: null };
    }),
    data: input.data,
  };
}
