/**
 * Raw HTML in a post is the author's and is published as Jekyll publishes it
 * (iframes for video players, `<style>`, `<details>`, `<video>`, tables, …), less
 * what runs script, as `policy.ts` defines it. Only posts that contain raw HTML pass
 * through here, unless the site trusts its authors' HTML (option `rawHtml: "trust"`).
 *
 * The HTML is parsed (htmlparser2, in time linear in its depth), cleaned, and written out
 * again by this module, so that the browser parses exactly what was checked:
 * - `<script>` and `<base>`, comments, CDATA and processing instructions are removed
 *   (in SVG files, the `<?xml …?>` declaration stays and an `xml-stylesheet` goes);
 *   `<meta http-equiv>` too (a refresh is a redirect); `<plaintext>` becomes `<pre>`;
 * - attributes go through `isAllowedAttribute`;
 * - text is escaped, and so are attribute values (`< >` too: inside `<noscript>` or
 *   `<iframe>` a browser reads markup as text, and the other way round in SVG);
 * - `<style>` text is written with `<` as the CSS escape `\3c `, so that no tag can
 *   start inside it, whichever way a browser parses it.
 */
import { DomHandler, type ChildNode, type Document, type Element } from "domhandler";
import { Parser, type ParserOptions } from "htmlparser2";
import { isAllowedAttribute } from "./policy.ts";

const REMOVED_ELEMENTS = new Set(["script", "base"]);
const VOID_ELEMENTS = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen"]);
/** Elements whose text a browser reads raw: written escaped, never as markup. */
const CSS_TEXT = new Set(["style"]);

function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttribute(s: string): string {
  return escapeText(s).replace(/"/g, "&quot;");
}

function removed(el: Element): boolean {
  if (REMOVED_ELEMENTS.has(el.name)) return true;
  return el.name === "meta" && Object.keys(el.attribs).some((a) => a.toLowerCase() === "http-equiv");
}

/**
 * How deep a post's elements nest in the HTML written out. Browsers build no deeper tree:
 * past 512 elements from the document's root, Chromium and WebKit attach what comes next to
 * the parent of the element it would have gone in, so that deeper elements are empty and
 * their content follows them. The published HTML is flattened the same way, from a depth a
 * little below the post's share of that limit (the layout's elements are above the post;
 * measured in Chromium, the blog's layout starts its flattening 7 elements deeper), so that
 * what reads the page next (Pagefind, whose time grows with the square of the depth: a post
 * of 100,000 unclosed `<div>` lines took 7.5 s to index) is given no deeper tree either.
 */
export const MAX_HTML_DEPTH = 500;

/**
 * Writes the cleaned nodes out. A loop over a stack of open elements, not recursion: raw HTML
 * may nest thousands of elements deep, and that must not exhaust the call stack. In HTML, an
 * element below `MAX_HTML_DEPTH` others is written empty and its content after it.
 */
function serialize(nodes: readonly ChildNode[], parent: string, xml = false): string {
  let out = "";
  /** `element`: whether the frame is an element's content (what counts for the depth). */
  const open: { nodes: readonly ChildNode[]; next: number; parent: string; close: string; element: boolean }[] = [
    { nodes, next: 0, parent, close: "", element: false },
  ];
  let depth = 0;
  while (open.length > 0) {
    const frame = open[open.length - 1]!;
    if (frame.next >= frame.nodes.length) {
      open.pop();
      if (frame.element) depth--;
      out += frame.close;
      continue;
    }
    const node = frame.nodes[frame.next++]!;
    if (node.type === "text") {
      out += CSS_TEXT.has(frame.parent) && !xml ? node.data.replace(/</g, "\\3c ") : escapeText(node.data);
    } else if (node.type === "cdata" && xml) {
      open.push({ nodes: node.children, next: 0, parent: frame.parent, close: "", element: false });
    } else if (node.type === "directive" && !xml && /^!doctype\s+html\b/i.test(node.data)) {
      out += "<!DOCTYPE html>";
    } else if (node.type === "directive" && xml && /^\?xml\s/i.test(node.data)) {
      out += `<${node.data.replace(/\?$/, "")}?>`;
    } else if (node.type === "tag" || node.type === "script" || node.type === "style") {
      const el = node as Element;
      if (removed(el) || (xml && /(?:^|:)script$/i.test(el.name))) continue;
      const name = el.name === "plaintext" && !xml ? "pre" : el.name;
      let tag = `<${name}`;
      for (const [attr, value] of Object.entries(el.attribs)) {
        // An attribute name as HTML's tokenizer reads one: no space, quote, `>`, `/`, `=` or control.
        // eslint-disable-next-line no-control-regex
        if (!/^[^\s"'>/=\u0000-\u001f]+$/.test(attr) || !isAllowedAttribute(name.toLowerCase(), attr.toLowerCase(), value)) continue;
        tag += ` ${attr}="${escapeAttribute(value)}"`;
      }
      if (xml && el.children.length === 0) {
        out += `${tag}/>`;
        continue;
      }
      out += `${tag}>`;
      if (VOID_ELEMENTS.has(name) && !xml) continue;
      if (depth >= MAX_HTML_DEPTH && !xml) {
        // Too deep: empty, its content written after it, in the same parent.
        out += `</${name}>`;
        open.push({ nodes: el.children, next: 0, parent: frame.parent, close: "", element: false });
        continue;
      }
      depth++;
      open.push({ nodes: el.children, next: 0, parent: name, close: `</${name}>`, element: true });
    }
    // Comments, CDATA and directives (`<!…>`, `<?…>`) are dropped: browsers and parsers
    // disagree about where some of them end.
  }
  return out;
}

/**
 * A stack kept innermost first, as htmlparser2's parser keeps its open elements (`stack`) and
 * foreign contexts (`foreignContext`): `unshift`, `shift`, `[0]`, `[i]`, `length`, `includes`,
 * `indexOf`. The parser (version 12) uses an array, whose `unshift` and `shift` move every
 * element, and `includes` and `indexOf` read every element when what they look for is not
 * there: a tag costs the depth, and HTML nested N deep costs N² (100,000 unclosed `<div>`
 * lines took 7 s to parse; 25,000 `<div>` and as many stray `</span>`, 4.7 s). This one keeps
 * its items outermost first in an array, with a count of each, so that each of those is O(1)
 * (an end tag that closes elements costs the elements it closes). fb55/htmlparser2#2481
 * proposes the same change upstream. A use it does not know throws, so that a later parser
 * that uses its stack otherwise fails loudly.
 */
function innermostFirst<T>(initial: T[]): T[] {
  const items = [...initial].reverse();
  /** How many times each item is in the stack: a search for one that is not costs nothing. */
  const counts = new Map<T, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  const methods: Record<string, unknown> = {
    unshift: (item: T) => {
      counts.set(item, (counts.get(item) ?? 0) + 1);
      return items.push(item);
    },
    shift: () => {
      const item = items.pop();
      if (item !== undefined) counts.set(item, counts.get(item)! - 1);
      return item;
    },
    includes: (item: T) => (counts.get(item) ?? 0) > 0,
    indexOf: (item: T) => {
      if (!counts.get(item)) return -1;
      return items.length - 1 - items.lastIndexOf(item);
    },
  };
  return new Proxy(items, {
    get(target, key) {
      if (key === "length") return target.length;
      if (typeof key === "string" && Object.hasOwn(methods, key)) return methods[key];
      if (typeof key === "string" && /^(?:0|[1-9]\d*)$/.test(key)) return target[target.length - 1 - Number(key)];
      throw new Error(`htmlparser2's parser read its stack's ${String(key)}, which the stack here does not have`);
    },
    set(target, key, value) {
      if (key !== "length" || value !== 0) throw new Error(`htmlparser2's parser set its stack's ${String(key)}, which the stack here does not allow`);
      target.length = 0;
      counts.clear();
      return true;
    },
  });
}

/** htmlparser2's `parseDocument`, with stacks whose every operation is O(1) (`innermostFirst`). */
export function parseHtmlDocument(html: string, options: ParserOptions): Document {
  const handler = new DomHandler(undefined, options);
  const parser = new Parser(handler, options);
  const internals = parser as unknown as { stack: unknown[]; foreignContext: unknown[] };
  internals.stack = innermostFirst(internals.stack);
  internals.foreignContext = innermostFirst(internals.foreignContext);
  parser.end(html);
  return handler.root;
}

/**
 * The same policy for an SVG file the site publishes as it is (opened on its own, an SVG
 * document runs its scripts in the site's origin). Parsed and written as XML.
 */
export function sanitizeSvg(svg: string): string {
  const doc = parseHtmlDocument(svg, { xmlMode: true, decodeEntities: true });
  return serialize(doc.children, "", true);
}

/** Removes what could run from a post's rendered HTML, keeping everything else. */
export function sanitizePostHtml(html: string): string {
  const doc = parseHtmlDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true });
  return serialize(doc.children, "");
}
