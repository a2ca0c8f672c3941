/**
 * Raw HTML in a post is the author's and is published as Jekyll publishes it
 * (iframes for video players, `<style>`, `<details>`, `<video>`, tables, …), less
 * what runs script, as `policy.ts` defines it. Only posts that contain raw HTML pass
 * through here, unless the site trusts its authors' HTML (option `rawHtml: "trust"`).
 *
 * The HTML is parsed (htmlparser2), cleaned, and written out again by this module,
 * so that the browser parses exactly what was checked:
 * - `<script>` and `<base>`, comments, CDATA and processing instructions are removed
 *   (in SVG files, the `<?xml …?>` declaration stays and an `xml-stylesheet` goes);
 *   `<meta http-equiv>` too (a refresh is a redirect); `<plaintext>` becomes `<pre>`;
 * - attributes go through `isAllowedAttribute`;
 * - text is escaped, and so are attribute values (`< >` too: inside `<noscript>` or
 *   `<iframe>` a browser reads markup as text, and the other way round in SVG);
 * - `<style>` text is written with `<` as the CSS escape `\3c `, so that no tag can
 *   start inside it, whichever way a browser parses it.
 */
import { parseDocument } from "htmlparser2";
import type { ChildNode, Element } from "domhandler";
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
 * Writes the cleaned nodes out. A loop over a stack of open elements, not recursion: raw HTML
 * may nest thousands of elements deep (a browser flattens past its own limit), and that must
 * not exhaust the call stack.
 */
function serialize(nodes: readonly ChildNode[], parent: string, xml = false): string {
  let out = "";
  const open: { nodes: readonly ChildNode[]; next: number; parent: string; close: string }[] = [{ nodes, next: 0, parent, close: "" }];
  while (open.length > 0) {
    const frame = open[open.length - 1]!;
    if (frame.next >= frame.nodes.length) {
      open.pop();
      out += frame.close;
      continue;
    }
    const node = frame.nodes[frame.next++]!;
    if (node.type === "text") {
      out += CSS_TEXT.has(frame.parent) && !xml ? node.data.replace(/</g, "\\3c ") : escapeText(node.data);
    } else if (node.type === "cdata" && xml) {
      open.push({ nodes: node.children, next: 0, parent: frame.parent, close: "" });
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
      open.push({ nodes: el.children, next: 0, parent: name, close: `</${name}>` });
    }
    // Comments, CDATA and directives (`<!…>`, `<?…>`) are dropped: browsers and parsers
    // disagree about where some of them end.
  }
  return out;
}

/**
 * The same policy for an SVG file the site publishes as it is (opened on its own, an SVG
 * document runs its scripts in the site's origin). Parsed and written as XML.
 */
export function sanitizeSvg(svg: string): string {
  const doc = parseDocument(svg, { xmlMode: true, decodeEntities: true });
  return serialize(doc.children, "", true);
}

/** Removes what could run from a post's rendered HTML, keeping everything else. */
export function sanitizePostHtml(html: string): string {
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true });
  return serialize(doc.children, "");
}
