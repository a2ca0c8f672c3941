/**
 * The Atom feed's view. Dates and absolute URLs come from @11ty/eleventy-plugin-rss's
 * helpers; only the feed's own entries are rewritten to absolute URLs (the library's feed
 * template would add a transform over every page of the site for that).
 */
import { absoluteUrl, convertHtmlToAbsoluteUrls, dateToRfc3339 } from "@11ty/eleventy-plugin-rss";
import { escapeHtml } from "../markdown/text.ts";
import { truncate } from "./format.ts";

/**
 * Escapes text for XML, and removes what XML 1.0 cannot hold at all, even escaped
 * (C0 controls other than tab and newline, lone surrogates, U+FFFE/U+FFFF), so that
 * the feed is always well-formed.
 */
export function escapeXml(value: string): string {
  return escapeHtml(value.replace(NOT_XML, ""));
}

// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export interface FeedEntry {
  title: string;
  url: string;
  /** ISO date with offset. */
  date: string;
  html: string;
  /** Plain text, for the summary of a post too large to carry whole. */
  text: string;
}

/** A post whose HTML is larger than this is carried as a summary and a link (readers choke on megabytes). */
export const FEED_CONTENT_LIMIT = 512 * 1024;

export interface FeedSettings {
  path: string;
  title: string;
  subtitle: string;
  base: string;
  language: string;
  author: { name: string; email?: string };
}

/** The view of the Atom feed (RFC 4287) for `templates/jekyll-plans/feed.xml.njk`: `entries` newest first. */
export async function feedView(entries: readonly FeedEntry[], feed: FeedSettings) {
  return {
    language: feed.language,
    title: feed.title,
    subtitle: feed.subtitle,
    selfUrl: absoluteUrl(feed.path, feed.base),
    base: feed.base,
    updated: dateToRfc3339(new Date(entries[0]?.date ?? 0)),
    author: feed.author.name || feed.title,
    email: feed.author.email ?? "",
    entries: await Promise.all(
      entries.map(async (e) => {
        const url = absoluteUrl(e.url, feed.base);
        let content: string | null = null;
        if (e.html.length <= FEED_CONTENT_LIMIT) {
          try {
            content = await convertHtmlToAbsoluteUrls(e.html, url);
          } catch (error) {
            // The converter walks the HTML recursively: raw HTML nested thousands deep overflows it.
            if (!(error instanceof RangeError)) throw error;
          }
        }
        return {
          title: e.title,
          url,
          updated: dateToRfc3339(new Date(e.date)),
          // A post too large (or too deeply nested) to carry whole is a summary and a link.
          summary: content === null ? truncate(e.text, 500) : null,
          content,
        };
      }),
    ),
  };
}
