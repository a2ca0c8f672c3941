/**
 * The Atom feed, from a pure function. Dates and absolute URLs come from
 * @11ty/eleventy-plugin-rss's helpers; only the feed's own entries are rewritten
 * to absolute URLs (the library's feed template would add a transform over every
 * page of the site for that).
 */
import { absoluteUrl, convertHtmlToAbsoluteUrls, dateToRfc3339 } from "@11ty/eleventy-plugin-rss";
import { escapeHtml } from "../markdown/text.ts";

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

/** Atom (RFC 4287) for `entries`, newest first. */
export async function renderAtomFeed(entries: readonly FeedEntry[], feed: FeedSettings): Promise<string> {
  const updated = entries[0] ? dateToRfc3339(new Date(entries[0].date)) : dateToRfc3339(new Date(0));
  const items = await Promise.all(
    entries.map(async (e) => {
      const url = absoluteUrl(e.url, feed.base);
      const body =
        e.html.length > FEED_CONTENT_LIMIT
          ? `    <summary>${escapeXml(`${Array.from(e.text).slice(0, 500).join("")}…`)}</summary>\n`
          : `    <content type="html">${escapeXml(await convertHtmlToAbsoluteUrls(e.html, url))}</content>\n`;
      return (
        `  <entry>\n` +
        `    <title>${escapeXml(e.title)}</title>\n` +
        `    <link href="${escapeXml(url)}"/>\n` +
        `    <id>${escapeXml(url)}</id>\n` +
        `    <updated>${dateToRfc3339(new Date(e.date))}</updated>\n` +
        body +
        `  </entry>\n`
      );
    }),
  );
  const author = feed.author.name || feed.title;
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n` +
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(feed.language)}">\n` +
    `  <title>${escapeXml(feed.title)}</title>\n` +
    (feed.subtitle ? `  <subtitle>${escapeXml(feed.subtitle)}</subtitle>\n` : "") +
    `  <link href="${escapeXml(absoluteUrl(feed.path, feed.base))}" rel="self"/>\n` +
    `  <link href="${escapeXml(feed.base)}"/>\n` +
    `  <id>${escapeXml(feed.base)}</id>\n` +
    `  <updated>${updated}</updated>\n` +
    `  <author><name>${escapeXml(author)}</name>${feed.author.email ? `<email>${escapeXml(feed.author.email)}</email>` : ""}</author>\n` +
    items.join("") +
    `</feed>\n`
  );
}
