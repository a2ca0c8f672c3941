// Markup compared as kramdown's output is compared: as trees of elements, attributes and text,
// white space between blocks ignored. Left out on purpose: Rouge's highlighting markup (the
// code's text is compared) and what this project adds: task anchors and labels, lazy images,
// code blocks that take the keyboard's focus.
import { parseDocument } from "htmlparser2";
import type { AnyNode, Element } from "domhandler";

export type Node = string | { tag: string; attrs: Record<string, string>; children: Node[] };

const DROPPED_CLASSES = /^(language-.*|highlighter-rouge|highlight|task-done)$/;

function textOf(node: AnyNode): string {
  if (node.type === "text") return node.data;
  return "children" in node ? (node.children as AnyNode[]).map(textOf).join("") : "";
}

function canonical(nodes: readonly AnyNode[]): Node[] {
  const out: Node[] = [];
  // A comment is left out (the plugin publishes none): the text around it is one text.
  let afterComment = false;
  for (const node of nodes) {
    if (node.type === "text") {
      const text = node.data.replace(/\s+/g, " ").trim();
      const last = out.length - 1;
      if (text && afterComment && typeof out[last] === "string") out[last] = `${out[last]} ${text}`;
      else if (text) out.push(text);
      afterComment = false;
      continue;
    }
    afterComment = node.type === "comment";
    if (node.type !== "tag") continue;
    const el = node as Element;
    // Rouge wraps code blocks: <div class="language-c highlighter-rouge"><div class="highlight"><pre>.
    if (el.name === "div" && /highlighter-rouge|^highlight$/.test(el.attribs.class ?? "")) {
      out.push(...canonical(el.children));
      continue;
    }
    if (el.name === "span" && el.attribs.class === "task-text") {
      out.push(...canonical(el.children));
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const [name, value] of Object.entries(el.attribs).sort(([a], [b]) => a.localeCompare(b))) {
      if (el.name === "li" || el.name === "input") {
        if (name === "id" || name === "aria-labelledby") continue;
      }
      // What the site adds for readers: lazy images, code blocks that take the keyboard's focus.
      if (el.name === "img" && (name === "loading" || name === "decoding")) continue;
      if (el.name === "pre" && name === "tabindex") continue;
      if (name === "class") {
        const classes = value.split(/\s+/).filter((c) => c && !DROPPED_CLASSES.test(c));
        if (classes.length) attrs.class = classes.join(" ");
        continue;
      }
      attrs[name] = value;
    }
    const children = el.name === "pre" ? [textOf(el)] : canonical(el.children);
    out.push({ tag: el.name, attrs, children });
  }
  return out;
}

/** The canonical tree of an HTML fragment. */
export const tree = (html: string): Node[] => canonical(parseDocument(html).children);
