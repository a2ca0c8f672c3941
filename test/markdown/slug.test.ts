import { describe, expect, it } from "vitest";
import { createMarkdown, headingsOf } from "../../plugins/jekyll-plans/markdown/index.ts";

const ids = (src: string) => headingsOf(createMarkdown().parse(src, {})).map((h) => h.id);

describe("heading ids match kramdown's GFM ids", () => {
  it.each([
    ["## 1. 当前工作", "1-当前工作"],
    ["#### 5.1.1. 2021-07", "511-2021-07"],
    ["### 3.1. c++", "31-c"],
    ["## 2. 时间复杂度（读数据）", "2-时间复杂度读数据"],
    ["## 1. EPOLLEXCLUSIVE 能防住惊群吗？", "1-epollexclusive-能防住惊群吗"],
    ["## 4. vscode + gdb", "4-vscode--gdb"],
    ["### 3.1. buddy - 伙伴算法", "31-buddy---伙伴算法"],
    ["### 2.6. slaves <--> new master", "26-slaves--new-master"],
    ["### 5.1. slave (127.0.0.1:6379)", "51-slave-1270016379"],
    ["### 1.2. [位运算](https://example.com/ops)", "12-位运算"],
    ["## 1. `epoll_wait` 原理", "1-epoll_wait-原理"],
    ["## `a--b` and a -- b", "a--b-and-a--b"],
    ['## "Quoted" it\'s... fine', "quoted-its-fine"],
    ["## ![logo](x.png) Logo", "-logo"],
    ["## Ünïcödé CAPS", "ünïcödé-caps"],
  ])("%s → %s", (heading, id) => {
    expect(ids(heading)).toEqual([id]);
  });

  it("numbers repeats per base id without checking collisions", () => {
    expect(ids("## 重复\n## 重复\n## 重复")).toEqual(["重复", "重复-1", "重复-2"]);
    expect(ids("## foo\n## foo-1\n## foo")).toEqual(["foo", "foo-1", "foo-1"]);
  });

  it("uses an explicit {#id} as is, without touching the counter", () => {
    expect(ids("## foo {#custom}\n## foo\n## foo")).toEqual(["custom", "foo", "foo-1"]);
  });

  it("writes raw UTF-8 ids into the HTML", () => {
    expect(createMarkdown().render("## 1. 当前工作")).toContain('<h2 id="1-当前工作">1. 当前工作</h2>');
  });

  it("gives headings in raw HTML no id", () => {
    expect(ids("<h2>raw</h2>\n\n## md")).toEqual(["md"]);
  });
});
