/**
 * The one policy for what a post may put into a page. Every URL and attribute that
 * reaches HTML passes through here: markdown links and images (markdown-it's
 * `validateLink`), IAL attributes, and the attributes of a post's raw HTML.
 *
 * A value is judged as the browser will read it, after its own normalisation:
 * character references are decoded (by the HTML parser before this is called),
 * leading and trailing C0 controls and spaces are stripped, tabs and newlines
 * anywhere are removed, and the scheme is compared case-insensitively. So
 * `jav&#x09;ascript:`, `\u0001javascript:` and ` JavaScript:` are all `javascript:`.
 *
 * What runs script is refused; everything else is the author's:
 * - `javascript:` and `vbscript:` URLs in any attribute;
 * - `data:` URLs, except `data:image/…` as the source of an image;
 * - event-handler attributes (`on…`) and `srcdoc` (an iframe's inline document runs
 *   in the page's origin);
 * - SVG animations that set a link or an event handler (`<animate attributeName="href">`,
 *   `<set attributeName="onclick">`): an animation writes its values into the attribute it
 *   names, so it may name only attributes that hold neither.
 */

/** Schemes that run script when a browser follows or loads them. */
const SCRIPT_SCHEMES = new Set(["javascript", "vbscript", "livescript", "mocha"]);

/** Attributes whose value is a list of URL candidates (`url 2x, url 640w`). */
const SRCSET_ATTRIBUTES = new Set(["srcset", "imagesrcset"]);

/** Where a `data:image/…` URL is an image and nothing else. */
const IMAGE_SOURCES: Record<string, ReadonlySet<string>> = {
  img: new Set(["src", "srcset"]),
  source: new Set(["src", "srcset"]),
  image: new Set(["href", "xlink:href"]),
  video: new Set(["poster"]),
  input: new Set(["src"]),
};

/** The SVG elements that can set another attribute (such as `href`) over time. */
export const SVG_ANIMATIONS = new Set(["animate", "set", "animatemotion", "animatetransform", "animatecolor"]);

// C0 controls and the space, at either end of a URL (the URL parser strips them).
// eslint-disable-next-line no-control-regex
const URL_EDGES = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;

/** A value as the browser's URL parser reads its scheme: trimmed of controls, without tabs or newlines, lowercased. */
export function normalizeUrl(value: string): string {
  return value
    .replace(URL_EDGES, "")
    .replace(/[\t\n\r]/g, "")
    .toLowerCase();
}

/** The scheme of a URL as the browser reads it (`javascript`), or null for a relative URL. */
export function schemeOf(value: string): string | null {
  const m = /^([a-z][a-z0-9+.-]*):/.exec(normalizeUrl(value));
  return m ? m[1]! : null;
}

/**
 * Whether a URL may stand in a page. `imageSource` allows `data:image/…` (the source
 * of an `<img>`); elsewhere a `data:` URL is a document, which can hold script.
 */
export function isAllowedUrl(value: string, imageSource = false): boolean {
  const scheme = schemeOf(value);
  if (scheme === null) return true;
  if (SCRIPT_SCHEMES.has(scheme)) return false;
  if (scheme === "data") return imageSource && /^data:image\//.test(normalizeUrl(value));
  return true;
}

/**
 * Whether an attribute may stay on an element, judged by its name and value.
 * `element` and `name` are lowercase, as HTML parsers give them.
 */
export function isAllowedAttribute(element: string, name: string, value: string): boolean {
  const attribute = name.toLowerCase();
  if (attribute.startsWith("on") || attribute === "srcdoc") return false;
  const imageSource = IMAGE_SOURCES[element]?.has(attribute) ?? false;
  if (SRCSET_ATTRIBUTES.has(attribute)) {
    return value.split(",").every((candidate) => isAllowedUrl(candidate.trim().split(/\s+/)[0] ?? "", imageSource));
  }
  if (attribute === "style") return !/expression\s*\(|javascript:|vbscript:|-moz-binding|behavior\s*:/i.test(normalizeUrl(value));
  if (SVG_ANIMATIONS.has(element) && attribute === "attributename") {
    const target = normalizeUrl(value);
    return !/href$/.test(target) && !/^(?:[^:]*:)?on/.test(target);
  }
  return isAllowedUrl(value, imageSource);
}

/** markdown-it's `validateLink`: links and images of markdown syntax. */
export function isAllowedLink(url: string): boolean {
  // markdown-it renders both links and images through this: a `data:image/…` link
  // is an image (a browser refuses to open one as a page).
  return isAllowedUrl(url, true);
}

/**
 * Whether a value can be the site's address (`url` in `_config.yml`, option `site.url`,
 * the feed's base): an absolute http or https URL, as links of the feed and Liquid's
 * `absolute_url` start with it.
 */
export function isSiteUrl(value: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
