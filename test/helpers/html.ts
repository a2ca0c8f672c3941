// Reading built pages in tests: a real HTML parser, not regexes.
import { parseDocument } from "htmlparser2";
import * as du from "domutils";
import type { Document, Element, AnyNode } from "domhandler";

export type { Element };

export function parseHtml(html: string): Document {
  return parseDocument(html);
}

export function all(root: AnyNode | AnyNode[], test: (el: Element) => boolean): Element[] {
  return du.findAll(test, Array.isArray(root) ? root : [root]);
}

export function one(root: AnyNode | AnyNode[], test: (el: Element) => boolean): Element | null {
  return du.findOne(test, Array.isArray(root) ? root : [root], true);
}

export const byTag =
  (...names: string[]) =>
  (el: Element) =>
    names.includes(el.name);
export const byId = (id: string) => (el: Element) => el.attribs.id === id;
export const hasClass = (cls: string) => (el: Element) => (el.attribs.class ?? "").split(/\s+/).includes(cls);

export function attr(el: Element, name: string): string | undefined {
  return el.attribs[name];
}

export function text(node: AnyNode | AnyNode[]): string {
  return du.textContent(node);
}

export function children(el: Element): Element[] {
  return el.children.filter((c): c is Element => c.type === "tag");
}

/** Text nodes that are not inside <pre>, <code>, <script> or <style>. */
export function proseText(root: AnyNode): string {
  const out: string[] = [];
  const walk = (n: AnyNode): void => {
    if (n.type === "text") out.push((n as unknown as { data: string }).data);
    if ("name" in n && ["pre", "code", "script", "style"].includes((n as Element).name)) return;
    if ("children" in n) for (const c of (n as Element).children) walk(c);
  };
  walk(root);
  return out.join("");
}

export interface TocNode {
  id: string;
  children: TocNode[];
}

/** The TOC tree of a page: `#markdown-toc` nested lists → ids (from href) and nesting. */
export function tocTree(doc: Document): TocNode[] | null {
  const list = one(doc, byId("markdown-toc"));
  if (!list) return null;
  const read = (ul: Element): TocNode[] =>
    children(ul)
      .filter((li) => li.name === "li")
      .map((li) => {
        const a = children(li).find((c) => c.name === "a")!;
        const sub = children(li).find((c) => c.name === "ul" || c.name === "ol");
        return { id: decodeURIComponent(attr(a, "href")!.slice(1)), children: sub ? read(sub) : [] };
      });
  return read(list);
}
