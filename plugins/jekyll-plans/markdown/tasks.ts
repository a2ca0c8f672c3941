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
import { escapeHtml, inlineText } from "./text.ts";

/** What the task rule records on a task's `list_item_open` token (`meta.task`). */
export interface TaskMark {
  done: boolean;
  /** Anchor id, `task-` + a hash of the task's text (`-1`, `-2` for repeats). */
  id: string;
  /** Plain text of the task (without the checkbox). */
  text: string;
}

const CHECKBOX = /^<input class="task-list-item-checkbox"/;

const UTF8 = new TextEncoder();

/** 32-bit FNV-1a, base 36: short, stable anchors for tasks (same text, same id). */
export function textHash(text: string): string {
  let h = 0x811c9dc5;
  for (const byte of UTF8.encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, "0");
}

function taskRule(state: StateCore): void {
  const tokens = state.tokens;
  const ids = new IdCounter();
  for (let i = 2; i < tokens.length; i++) {
    const inline = tokens[i]!;
    const item = tokens[i - 2]!;
    const first = inline.children?.[0];
    if (inline.type !== "inline" || item.type !== "list_item_open" || !inline.children) continue;
    const children = inline.children.filter((c) => !(c.type === "html_inline" && /^<\/?label>$/.test(c.content)));
    const boxIndex = children.findIndex((c) => c.type === "html_inline" && CHECKBOX.test(c.content));
    if (boxIndex !== 0 || !first) continue;
    const done = /\schecked=""/.test(children[0]!.content);
    const rest = children.slice(1);
    // markdown-it-task-lists leaves the space after `]`; kramdown does not.
    const lead = rest[0];
    if (lead?.type === "text") lead.content = lead.content.replace(/^\s+/, "");
    const text = inlineText(rest).trim();
    const id = ids.next(`task-${textHash(text)}`);
    const box = new state.Token("html_inline", "", 0);
    box.content =
      `<input type="checkbox" class="task-list-item-checkbox" disabled="disabled"` +
      `${done ? ' checked="checked"' : ""} aria-labelledby="${escapeHtml(id)}-text" />`;
    const open = new state.Token("html_inline", "", 0);
    open.content = `<span class="task-text" id="${escapeHtml(id)}-text">`;
    const close = new state.Token("html_inline", "", 0);
    close.content = "</span>";
    inline.children = [box, open, ...rest, close];
    item.attrSet("class", done ? "task-list-item task-done" : "task-list-item");
    item.attrSet("id", id);
    item.meta = { ...(item.meta ?? {}), task: { done, id, text } satisfies TaskMark };
    const list = parentList(tokens, i - 2);
    if (list) list.attrSet("class", "task-list");
  }
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

function parentList(tokens: readonly Token[], itemIndex: number): Token | undefined {
  const level = tokens[itemIndex]!.level - 1;
  for (let i = itemIndex - 1; i >= 0; i--) if (tokens[i]!.level === level && tokens[i]!.nesting === 1) return tokens[i];
  return undefined;
}

/**
 * kramdown takes any space or tab after `[ ]`/`[x]` (`- [x]<TAB>text`);
 * markdown-it-task-lists looks for one space. The marker is rewritten to its form.
 */
function markerWhitespaceRule(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 2; i < tokens.length; i++) {
    const inline = tokens[i]!;
    if (inline.type !== "inline" || tokens[i - 2]!.type !== "list_item_open" || tokens[i - 1]!.type !== "paragraph_open") continue;
    const first = inline.children?.[0];
    const marker = /^\[[ xX]\][ \t]+/.exec(inline.content);
    if (!marker || first?.type !== "text" || !first.content.startsWith(marker[0])) continue;
    const normal = `${marker[0].slice(0, 3)} `;
    inline.content = normal + inline.content.slice(marker[0].length);
    first.content = normal + first.content.slice(marker[0].length);
  }
}

/** markdown-it plugin: task list items (core rules `github-task-lists`, `kramdown_tasks`). */
export function tasksPlugin(md: MarkdownIt): void {
  md.use(taskLists, { enabled: false, label: false, labelAfter: false });
  md.core.ruler.before("github-task-lists", "kramdown_task_markers", markerWhitespaceRule);
  md.core.ruler.after("github-task-lists", "kramdown_tasks", (state) => {
    taskRule(state);
    itemsAfterFirstTask(state.tokens);
  });
}
