import { describe, expect, it } from "vitest";
import { createMarkdown } from "../../plugins/jekyll-plans/markdown/index.ts";
import { all, attr, byId, byTag, hasClass, one, parseHtml, text } from "../helpers/html.ts";

const doc = (src: string) => parseHtml(createMarkdown().render(src));
const boxes = (src: string) => all(doc(src), (el) => el.name === "input");

describe("task lists", () => {
  it("render disabled checkboxes that carry the done state", () => {
    const b = boxes("* [ ] open\n* [x] done\n* [X] also done");
    expect(b.map((x) => attr(x, "checked") !== undefined)).toEqual([false, true, true]);
    for (const x of b) {
      expect(attr(x, "type")).toBe("checkbox");
      expect(attr(x, "disabled")).toBeDefined();
    }
  });

  it("work with -, + and ordered lists and nested lists", () => {
    expect(boxes("- [ ] a\n+ [x] b\n1. [ ] c\n* [ ] d\n  * [x] e")).toHaveLength(5);
  });

  it("leave `[ ]x` without a space as text", () => {
    const d = doc("* [ ]x not a task");
    expect(all(d, byTag("input"))).toHaveLength(0);
    expect(text(d)).toContain("[ ]x");
  });

  it("label each checkbox with its task text for screen readers", () => {
    const d = doc("* [ ] write the **epoll** post");
    const box = one(d, byTag("input"))!;
    const label = one(d, byId(attr(box, "aria-labelledby")!))!;
    expect(text(label)).toBe("write the epoll post");
  });

  it("give each task a stable anchor id on its list item, unique in the post", () => {
    const d = doc("* [ ] same\n* [ ] same\n* [ ] other");
    const ids = all(d, hasClass("task-list-item")).map((li) => attr(li, "id"));
    expect(new Set(ids).size).toBe(3);
    expect(ids[1]).toBe(`${ids[0]}-1`);
    // The same text gives the same id in another post.
    expect(attr(one(doc("intro\n\n* [ ] other"), hasClass("task-list-item"))!, "id")).toBe(ids[2]);
  });

  it("mark the list as a task list", () => {
    expect(attr(one(doc("* [ ] a"), byTag("ul"))!, "class")).toBe("task-list");
  });

  it("ignore task syntax inside code", () => {
    expect(boxes("```\n* [ ] not a task\n```\n\n    * [x] indented code")).toHaveLength(0);
  });
});
