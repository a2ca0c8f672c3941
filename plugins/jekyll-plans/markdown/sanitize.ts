/**
 * Raw HTML in a post is the author's, and is kept (the blog has `<div align=center>
 * <img … data-action="zoom"/></div>` and the like), but nothing in it may run:
 * script-like elements, event-handler attributes and `javascript:` URLs are removed.
 * Only posts that contain raw HTML are passed through the sanitizer.
 */
import sanitizeHtml from "sanitize-html";

const DROPPED_ELEMENTS = new Set(["script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "link", "form", "noscript", "template"]);

const OPTIONS: sanitizeHtml.IOptions = {
  // Every element and attribute, but for those filtered below.
  allowedTags: false,
  allowedAttributes: false,
  allowedSchemes: ["http", "https", "ftp", "mailto", "tel"],
  allowedSchemesAppliedToAttributes: ["href", "src", "cite", "action", "formaction", "poster", "xlink:href", "srcset", "background", "data"],
  allowProtocolRelative: true,
  allowVulnerableTags: true,
  nonTextTags: [...DROPPED_ELEMENTS],
  exclusiveFilter: (frame) => DROPPED_ELEMENTS.has(frame.tag),
  transformTags: {
    "*": (tagName, attribs) => ({ tagName, attribs: Object.fromEntries(Object.entries(attribs).filter(([name, value]) => keepAttribute(name, value))) }),
  },
};

function keepAttribute(name: string, value: string): boolean {
  if (/^on/i.test(name)) return false;
  if (name.toLowerCase() === "style") return !/expression\s*\(|javascript:/i.test(value);
  return true;
}

/** Removes what could run from rendered post HTML, keeping everything else. */
export function sanitizePostHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
