// Bad input through the real build command: a clear message naming the file (and line),
// a non-zero exit for errors, zero for warnings, no stack trace, and always an end.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runBuildAsync, type BuildResult } from "./helpers/build.ts";

const GOOD = "---\nlayout: post\ntitle: good\n---\n\n## 1. fine\n";

interface Case {
  name: string;
  files: Record<string, string>;
  status: 0 | 1;
  /** What the output must say, as a pattern over stdout + stderr. */
  says: RegExp;
}

const CASES: Case[] = [
  { name: "malformed YAML front matter", files: { "2021-01-02-bad.md": "---\nlayout: post\ntitle: [unclosed\n---\nx\n" }, status: 1, says: /error: \S*2021-01-02-bad\.md:\d+: invalid YAML front matter/ },
  { name: "a file name that is not YYYY-MM-DD-slug", files: { "notes.md": GOOD }, status: 1, says: /error: \S*notes\.md: file name "notes\.md" is not YYYY-MM-DD-slug\.md/ },
  { name: "an impossible date in the file name", files: { "2021-02-30-feb.md": GOOD }, status: 1, says: /error: \S*2021-02-30-feb\.md: the date in the file name \(2021-02-30\) does not exist/ },
  { name: "an impossible date in front matter", files: { "2021-02-01-feb.md": "---\nlayout: post\ntitle: t\ndate: 2021-02-30\n---\n" }, status: 1, says: /error: \S*2021-02-01-feb\.md:4: front matter date "2021-02-30" is not a real date/ },
  { name: "two posts claiming the same URL", files: { "2021/2021-01-01-dup.md": GOOD, "2022/2021-01-01-dup.md": GOOD }, status: 1, says: /error: \S*2021-01-01-dup\.md: URL \/2021\/01\/01\/dup\/ is also the URL of \S*2021-01-01-dup\.md/ },
  { name: "an unknown layout", files: { "2021-03-01-lay.md": "---\nlayout: nosuch\ntitle: t\n---\n" }, status: 1, says: /error: \S*2021-03-01-lay\.md:2: layout "nosuch" does not exist in layouts\// },
  { name: "a title that is a list", files: { "2021-03-02-t.md": "---\nlayout: post\ntitle: [a, b]\n---\n" }, status: 1, says: /error: \S*2021-03-02-t\.md:3: title must be text, got a list/ },
  { name: "a dated section heading with an impossible month", files: { "2021-03-03-plan.md": "---\nlayout: post\ntitle: p\n---\n\n## 2021-13\n\n* [x] done\n" }, status: 1, says: /error: \S*2021-03-03-plan\.md:6: heading "2021-13" names an impossible month/ },
  { name: "a title that is a number (warning)", files: { "2021-03-04-n.md": "---\nlayout: post\ntitle: 2021\n---\n" }, status: 0, says: /warning: \S*2021-03-04-n\.md:3: title is a number \(2021\)/ },
  { name: "an estimate the parser cannot read (warning)", files: { "2021-03-05-e.md": "---\nlayout: post\ntitle: e\n---\n\n* [ ] 写文档 - 几天\n" }, status: 0, says: /warning: \S*2021-03-05-e\.md:6: task "写文档 - 几天": cannot read the estimate "- 几天"/ },
  { name: "a {:toc} marker in a post without headings (fine)", files: { "2021-03-06-toc.md": "---\nlayout: post\ntitle: toc\n---\n\ntext\n\n* content\n{:toc}\n" }, status: 0, says: /^(?![\s\S]*(warning|error))/ },
];

const results = new Map<string, BuildResult>();

beforeAll(async () => {
  await Promise.all(
    CASES.map(async (c) => {
      const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "jp-bad-")), "_posts");
      const files = { "2020-12-31-good.md": GOOD, ...c.files };
      for (const [name, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        writeFileSync(path.join(dir, name), text);
      }
      results.set(c.name, await runBuildAsync({ BLOG_POSTS: dir, BLOG_REFERENCE_DATE: "2021-08-01" }));
    }),
  );
}, 180_000);

describe.each(CASES)("$name", (c) => {
  it(`exits ${c.status}, says what and where, without a stack trace`, () => {
    const r = results.get(c.name)!;
    const out = r.stdout + r.stderr;
    expect(r.signal, "the build must end by itself").toBeNull();
    expect(r.status, out).toBe(c.status);
    expect(out).toMatch(c.says);
    expect(out).not.toMatch(/^\s*(\[11ty\]\s+)?at .+:\d+:\d+\)?$/m);
  });
});

describe("a {:toc} marker without headings", () => {
  it("gives no TOC and no stray item", () => {
    const page = results.get(CASES.at(-1)!.name)!.page("/2021/03/06/toc/");
    expect(page).not.toContain("markdown-toc");
    expect(page).not.toMatch(/<li>content/);
  });
});
