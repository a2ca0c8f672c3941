/**
 * GitHub task list items, found by markdown-it-task-lists and finished here the
 * way kramdown renders them: a disabled checkbox carrying the done state, a
 * `task-list-item` class, a `task-list` list, plus what kramdown lacks: a stable
 * anchor id per task and a label that names the checkbox for screen readers.
 *
 * markdown-it-task-lists keeps its options in module-global variables, so this
 * rule rewrites the checkbox it inserts instead of relying on those options.
 */
import type { MarkdownIt, StateCore, Token } from "markdown-it";
import taskLists from "markdown-it-task-lists";
import { IdCounter } from "./slug.ts";
import { inlineText } from "./text.ts";

/** What the task rule records on a task's `list_item_open` token (`meta.task`). */
export interface TaskMark {
  done: boolean;
  /** Anchor id, `task-` + a hash of the task's text (`-1`, `-2` for repeats). */
  id: string;
  /** Plain text of the task (without the checkbox). */
  text: string;
}

/**
 * 32-bit FNV-1a over the text's UTF-8 bytes, base 36: short, stable anchors for tasks (same
 * text, same id). The bytes are produced on the fly (no buffer per task); a lone surrogate
 * counts as U+FFFD, as TextEncoder encodes it.
 */
export function textHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      h = Math.imul(h ^ c, 0x01000193);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      c = 0x10000 + ((c - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00);
    } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x800) {
      h = Math.imul(h ^ (0xc0 | (c >> 6)), 0x01000193);
      h = Math.imul(h ^ (0x80 | (c & 0x3f)), 0x01000193);
    } else if (c < 0x10000) {
      h = Math.imul(h ^ (0xe0 | (c >> 12)), 0x01000193);
      h = Math.imul(h ^ (0x80 | ((c >> 6) & 0x3f)), 0x01000193);
      h = Math.imul(h ^ (0x80 | (c & 0x3f)), 0x01000193);
    } else {
      h = Math.imul(h ^ (0xf0 | (c >> 18)), 0x01000193);
      h = Math.imul(h ^ (0x80 | ((c >> 12) & 0x3f)), 0x01000193);
      h = Math.imul(h ^ (0x80 | ((c >> 6) & 0x3f)), 0x01000193);
      h = Math.imul(h ^ (0x80 | (c & 0x3f)), 0x01000193);
    }
  }
  return (h >>> 0).toString(36).padStart(7, "0");
}

/** markdown-it-task-lists' core rule, taken from the plugin so that it can be run on one item at a time. */
function upstreamRule(): (state: { tokens: Token[]; Token: StateCore["Token"] }) => void {
  let rule: ((state: never) => void) | undefined;
  const capture = { core: { ruler: { after: (_: string, __: string, fn: (state: never) => void) => (rule = fn) } } };
  taskLists(capture as never, { enabled: false, label: false, labelAfter: false });
  if (!rule) throw new Error("[jekyll-plans] markdown-it-task-lists registered no rule");
  return rule as never;
}

/**
 * The length of a task's box at the start of an item's text: `[ ]`, `[x]` or `[X]` and the
 * spaces or tabs after it (at least one); 0 when the text does not start with one.
 */
function boxLength(content: string): number {
  if (content.charCodeAt(0) !== 0x5b || content.charCodeAt(2) !== 0x5d) return 0;
  const state = content.charCodeAt(1);
  if (state !== 0x20 && state !== 0x78 && state !== 0x58) return 0;
  let end = 3;
  for (let c = content.charCodeAt(end); c === 0x20 || c === 0x09; c = content.charCodeAt(++end));
  return end > 3 ? end : 0;
}

/**
 * One pass over the tokens (linear: lists are tracked on a stack). markdown-it-task-lists
 * looks for a task's list by walking back from each item, which is quadratic in a long
 * list; it is given one item and its list at a time instead.
 */
function taskRule(state: StateCore, upstream: ReturnType<typeof upstreamRule>): void {
  const tokens = state.tokens;
  const ids = new IdCounter();
  const lists: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const type = token.type;
    if (type === "bullet_list_open" || type === "ordered_list_open") lists.push(token);
    else if (type === "bullet_list_close" || type === "ordered_list_close") lists.pop();
    if (type !== "inline" || i < 2 || tokens[i - 1]!.type !== "paragraph_open" || tokens[i - 2]!.type !== "list_item_open") continue;
    const item = tokens[i - 2]!;
    const list = lists[lists.length - 1];
    const length = boxLength(token.content);
    const first = token.children?.[0];
    if (!list || length === 0 || first?.type !== "text" || !first.content.startsWith(token.content.slice(0, length))) continue;
    const done = token.content.charCodeAt(1) !== 0x20;
    // markdown-it-task-lists wants exactly one space after the box; kramdown takes any.
    if (length !== 4 || token.content.charCodeAt(3) !== 0x20) {
      const normal = `${token.content.slice(0, 3)} `;
      token.content = normal + token.content.slice(length);
      first.content = normal + first.content.slice(length);
    }
    // What it inserts (a checkbox of its own, as raw HTML) is replaced by kramdown's, as tag
    // tokens: the item's own tokens are kept by identity (a copy of the children taken before
    // the call), not told apart by reading its HTML.
    const rest = token.children!.slice();
    upstream({ tokens: [list, item, tokens[i - 1]!, token], Token: state.Token });
    const lead = rest[0];
    if (lead?.type === "text") lead.content = lead.content.replace(/^[ \t]+/, "");
    const text = inlineText(rest).trim();
    const id = ids.next(`task-${textHash(text)}`);
    const mark: TaskMark = { done, id, text };
    // The checkbox and the span around the text carry the task (rendered by the rules in
    // tasksPlugin), not attribute lists of their own: a plan of many tasks holds fewer objects.
    const box = new state.Token("task_checkbox", "input", 0);
    box.meta = mark;
    const open = new state.Token("task_text_open", "span", 1);
    open.meta = mark;
    rest.unshift(box, open);
    rest.push(new state.Token("task_text_close", "span", -1));
    token.children = rest;
    item.attrSet("class", done ? "task-list-item task-done" : "task-list-item");
    item.attrSet("id", id);
    item.meta = item.meta ? { ...item.meta, task: mark } : { task: mark };
    list.attrSet("class", "task-list");
  }
}

/** The inline tokens of a task's own text: between its `task_text_open` and `task_text_close`. */
export function taskTextTokens(children: readonly Token[]): Token[] {
  const start = children.findIndex((c) => c.type === "task_text_open");
  const end = children.findIndex((c) => c.type === "task_text_close");
  return start >= 0 && end > start ? children.slice(start + 1, end) : [];
}

/**
 * kramdown's GFM parser marks every item after a list's first task `task-list-item`,
 * a task or not (`- [x]` with nothing after it, say).
 */
function itemsAfterFirstTask(tokens: Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const list = tokens[i]!;
    if (list.type !== "bullet_list_open" && list.type !== "ordered_list_open") continue;
    let seenTask = false;
    for (let k = i + 1; k < tokens.length && tokens[k]!.level > list.level; k++) {
      const li = tokens[k]!;
      if (li.type !== "list_item_open" || li.level !== list.level + 1) continue;
      if (li.meta?.task) seenTask = true;
      else if (seenTask && tokens[k + 1]?.type === "paragraph_open") li.attrJoin("class", "task-list-item");
    }
  }
}

/** markdown-it plugin: task list items (core rule `kramdown_tasks`). */
export function tasksPlugin(md: MarkdownIt): void {
  const upstream = upstreamRule();
  const { escapeHtml } = md.utils;
  // kramdown's checkbox (disabled, checked when done), named by the task's text for screen readers.
  md.renderer.rules.task_checkbox = (tokens, idx, options) => {
    const { done, id } = tokens[idx]!.meta as TaskMark;
    const checked = done ? ' checked="checked"' : "";
    return `<input type="checkbox" class="task-list-item-checkbox" disabled="disabled"${checked} aria-labelledby="${escapeHtml(id)}-text"${options.xhtmlOut ? " /" : ""}>`;
  };
  md.renderer.rules.task_text_open = (tokens, idx) => `<span class="task-text" id="${escapeHtml((tokens[idx]!.meta as TaskMark).id)}-text">`;
  md.renderer.rules.task_text_close = () => "</span>";
  md.core.ruler.after("inline", "kramdown_tasks", (state) => {
    taskRule(state, upstream);
    itemsAfterFirstTask(state.tokens);
  });
}
