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
    if (token.type === "bullet_list_open" || token.type === "ordered_list_open") lists.push(token);
    else if (token.type === "bullet_list_close" || token.type === "ordered_list_close") lists.pop();
    if (token.type !== "inline" || i < 2 || tokens[i - 1]!.type !== "paragraph_open" || tokens[i - 2]!.type !== "list_item_open") continue;
    const item = tokens[i - 2]!;
    const list = lists[lists.length - 1];
    const marker = /^\[([ xX])\][ \t]+/.exec(token.content);
    const first = token.children?.[0];
    if (!list || !marker || first?.type !== "text" || !first.content.startsWith(marker[0])) continue;
    // markdown-it-task-lists wants exactly one space after the box; kramdown takes any.
    const normal = `${marker[0].slice(0, 3)} `;
    token.content = normal + token.content.slice(marker[0].length);
    first.content = normal + first.content.slice(marker[0].length);
    const window = [list, item, tokens[i - 1]!, token];
    const own = new Set(token.children);
    upstream({ tokens: window, Token: state.Token });
    // What it inserted (a checkbox of its own, as raw HTML) is replaced by kramdown's, as tag
    // tokens: told apart by identity, not by reading its HTML.
    const rest = token.children!.filter((c) => own.has(c));
    const lead = rest[0];
    if (lead?.type === "text") lead.content = lead.content.replace(/^[ \t]+/, "");
    const done = marker[1] !== " ";
    const text = inlineText(rest).trim();
    const id = ids.next(`task-${textHash(text)}`);
    const box = new state.Token("task_checkbox", "input", 0);
    box.attrs = done
      ? [
          ["type", "checkbox"],
          ["class", "task-list-item-checkbox"],
          ["disabled", "disabled"],
          ["checked", "checked"],
          ["aria-labelledby", `${id}-text`],
        ]
      : [
          ["type", "checkbox"],
          ["class", "task-list-item-checkbox"],
          ["disabled", "disabled"],
          ["aria-labelledby", `${id}-text`],
        ];
    const open = new state.Token("task_text_open", "span", 1);
    open.attrs = [
      ["class", "task-text"],
      ["id", `${id}-text`],
    ];
    rest.unshift(box, open);
    rest.push(new state.Token("task_text_close", "span", -1));
    token.children = rest;
    item.attrSet("class", done ? "task-list-item task-done" : "task-list-item");
    item.attrSet("id", id);
    const mark: TaskMark = { done, id, text };
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
  md.core.ruler.after("inline", "kramdown_tasks", (state) => {
    taskRule(state, upstream);
    itemsAfterFirstTask(state.tokens);
  });
}
