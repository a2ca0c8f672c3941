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

function serialize(nodes: readonly ChildNode[], parent: string, xml = false): string {
  let out = "";
  for (const node of nodes) {
    if (node.type === "text") {
      out += CSS_TEXT.has(parent) && !xml ? node.data.replace(/</g, "\\3c ") : escapeText(node.data);
    } else if (node.type === "cdata" && xml) {
      out += serialize(node.children, parent, xml);
    } else if (node.type === "directive" && !xml && /^!doctype\s+html\b/i.test(node.data)) {
      out += "<!DOCTYPE html>";
    } else if (node.type === "directive" && xml && /^\?xml\s/i.test(node.data)) {
      out += `<${node.data.replace(/\?$/, "")}?>`;
    } else if (node.type === "tag" || node.type === "script" || node.type === "style") {
      const el = node as Element;
      if (removed(el) || (xml && /(?:^|:)script$/i.test(el.name))) continue;
      const name = el.name === "plaintext" && !xml ? "pre" : el.name;
      let open = `<${name}`;
      for (const [attr, value] of Object.entries(el.attribs)) {
        // An attribute name as HTML's tokenizer reads one: no space, quote, `>`, `/`, `=` or control.
        // eslint-disable-next-line no-control-regex
        if (!/^[^\s"'>/=\u0000-\u001f]+$/.test(attr) || !isAllowedAttribute(name.toLowerCase(), attr.toLowerCase(), value)) continue;
        open += ` ${attr}="${escapeAttribute(value)}"`;
      }
      if (xml && el.children.length === 0) {
        out += `${open}/>`;
        continue;
      }
      out += `${open}>`;
      if (VOID_ELEMENTS.has(name) && !xml) continue;
      out += `${serialize(el.children, name, xml)}</${name}>`;
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
