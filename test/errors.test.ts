// Bad input through the real build command: a clear message naming the file (and line),
// a non-zero exit for errors, zero for warnings, no stack trace, and always an end.
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildEnv, command, ROOT, runBuildAsync, type BuildResult } from "./helpers/build.ts";

const GOOD = "---\nlayout: post\ntitle: good\n---\n\n## 1. fine\n";

interface Case {
  name: string;
  files: Record<string, string | Buffer>;
  /** Makes what files cannot: links, FIFOs, folders. */
  setup?: (dir: string) => void;
  status: 0 | 1;
  /** What the output must say, as a pattern over stdout + stderr. */
  says: RegExp;
}

const CASES: Case[] = [
  {
    name: "malformed YAML front matter",
    files: { "2021-01-02-bad.md": "---\nlayout: post\ntitle: [unclosed\n---\nx\n" },
    status: 1,
    says: /error: \S*2021-01-02-bad\.md:\d+: invalid YAML front matter/,
  },
  {
    name: "a file name that is not YYYY-MM-DD-slug",
    files: { "notes.md": GOOD },
    status: 1,
    says: /error: \S*notes\.md: file name "notes\.md" is not YYYY-MM-DD-slug\.md/,
  },
  {
    name: "an impossible date in the file name",
    files: { "2021-02-30-feb.md": GOOD },
    status: 1,
    says: /error: \S*2021-02-30-feb\.md: the date in the file name \(2021-02-30\) does not exist/,
  },
  {
    name: "an impossible date in front matter",
    files: { "2021-02-01-feb.md": "---\nlayout: post\ntitle: t\ndate: 2021-02-30\n---\n" },
    status: 1,
    says: /error: \S*2021-02-01-feb\.md:4: front matter date "2021-02-30" is not a real date/,
  },
  {
    name: "two posts claiming the same URL",
    files: { "2021/2021-01-01-dup.md": GOOD, "2022/2021-01-01-dup.md": GOOD },
    status: 1,
    says: /error: \S*2021-01-01-dup\.md: URL \/2021\/01\/01\/dup\/ is also the URL of \S*2021-01-01-dup\.md/,
  },
  {
    name: "an unknown layout",
    files: { "2021-03-01-lay.md": "---\nlayout: nosuch\ntitle: t\n---\n" },
    status: 1,
    says: /error: \S*2021-03-01-lay\.md:2: layout "nosuch" does not exist in layouts\//,
  },
  {
    name: "a title that is a list",
    files: { "2021-03-02-t.md": "---\nlayout: post\ntitle: [a, b]\n---\n" },
    status: 1,
    says: /error: \S*2021-03-02-t\.md:3: title must be text, got a list/,
  },
  {
    name: "a dated section heading with an impossible month",
    files: { "2021-03-03-plan.md": "---\nlayout: post\ntitle: p\n---\n\n## 2021-13\n\n* [x] done\n" },
    status: 1,
    says: /error: \S*2021-03-03-plan\.md:6: heading "2021-13" names an impossible month/,
  },
  {
    name: "a title that is a number (warning)",
    files: { "2021-03-04-n.md": "---\nlayout: post\ntitle: 2021\n---\n" },
    status: 0,
    says: /warning: \S*2021-03-04-n\.md:3: title is a number \(2021\)/,
  },
  {
    name: "an estimate the parser cannot read (warning)",
    files: { "2021-03-05-e.md": "---\nlayout: post\ntitle: e\n---\n\n* [ ] 写文档 - 几天\n" },
    status: 0,
    says: /warning: \S*2021-03-05-e\.md:6: task "写文档 - 几天": cannot read the estimate "- 几天"/,
  },
  {
    name: "a FIFO named like a post",
    files: {},
    setup: (dir) => execFileSync("mkfifo", [path.join(dir, "2021-04-01-fifo.md")]),
    status: 1,
    says: /error: \S*2021-04-01-fifo\.md: not a regular file/,
  },
  {
    name: "two symbolic link loops",
    files: { "a/2021-04-02-a.md": GOOD },
    setup: (dir) => {
      symlinkSync("..", path.join(dir, "a/up"));
      mkdirSync(path.join(dir, "b"));
      symlinkSync("../a", path.join(dir, "b/to-a"));
      symlinkSync("../b", path.join(dir, "a/to-b"));
    },
    status: 0,
    says: /warning: \S*: a symbolic link back to \S+, which is already read; not followed again/,
  },
  {
    name: "a folder named like a post",
    files: { "2021-04-03-dir.md/2021-04-03-inside.md": GOOD },
    status: 0,
    says: /warning: \S*2021-04-03-dir\.md: a folder named like a post/,
  },
  {
    name: "a post in GBK",
    files: { "2021-04-04-gbk.md": Buffer.concat([Buffer.from("---\ntitle: "), Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), Buffer.from("\n---\n")]) },
    status: 1,
    says: /error: \S*2021-04-04-gbk\.md: the file is not UTF-8 \(it looks like GBK\/GB18030\)/,
  },
  {
    name: "a post in UTF-16",
    files: { "2021-04-05-utf16.md": Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("---\ntitle: 中文\n---\n", "utf16le")]) },
    status: 1,
    says: /error: \S*2021-04-05-utf16\.md: the file is not UTF-8 \(it looks like UTF-16LE\)/,
  },
  {
    name: "a permalink that climbs out of the output folder",
    files: { "2021-04-06-up.md": "---\nlayout: post\ntitle: t\npermalink: ../../outside/\n---\n" },
    status: 1,
    says: /error: \S*2021-04-06-up\.md:4: permalink "\.\.\/\.\.\/outside\/" climbs out of its folder/,
  },
  {
    name: "a permalink with a name longer than a file system allows",
    files: { "2021-04-06-long.md": `---\nlayout: post\ntitle: t\npermalink: /notes/${"a".repeat(300)}/\n---\n` },
    status: 1,
    says: /error: \S*2021-04-06-long\.md:4: permalink makes a file or folder name "a{20}…" of 300 bytes, more than the 255 a file system allows/,
  },
  {
    name: "a permalink that is a javascript: URL",
    files: { "2021-04-07-js.md": '---\nlayout: post\ntitle: t\npermalink: "javascript:alert(1)"\n---\n' },
    status: 1,
    says: /error: \S*2021-04-07-js\.md:4: permalink "javascript:alert\(1\)" is a URL with a scheme/,
  },
  {
    name: "a permalink over the search bundle",
    files: { "2021-04-08-pf.md": "---\nlayout: post\ntitle: t\npermalink: /pagefind/pagefind.js\n---\n" },
    status: 1,
    says: /error: \S*2021-04-08-pf\.md: its URL \/pagefind\/pagefind\.js would overwrite the folder \/pagefind\//,
  },
  {
    name: "a permalink over the site's stylesheet",
    files: { "2021-04-09-css.md": "---\nlayout: post\ntitle: t\npermalink: /assets/site.css\n---\n" },
    status: 1,
    says: /error: \S*2021-04-09-css\.md: its URL \/assets\/site\.css would overwrite the file copied from layouts\/assets\/site\.css/,
  },
  {
    name: "a permalink over the feed",
    files: { "2021-04-10-feed.md": "---\nlayout: post\ntitle: t\npermalink: /feed.xml\n---\n" },
    status: 1,
    says: /error: \S*2021-04-10-feed\.md: its URL \/feed\.xml would overwrite the page \/feed\.xml/,
  },
  {
    name: "__proto__ in front matter (warning)",
    files: { "2021-04-11-proto.md": "---\nlayout: post\ntitle: t\n__proto__:\n  polluted: yes\nsite:\n  constructor: 1\n---\n" },
    status: 0,
    says: /warning: \S*2021-04-11-proto\.md: front matter key "__proto__" is ignored[\s\S]*front matter key "site\.constructor" is ignored/,
  },
  {
    name: "categories given as a mapping (warning)",
    files: { "2021-04-12-cat.md": "---\nlayout: post\ntitle: t\ncategories: [[a, b], {x: y}]\n---\n" },
    status: 0,
    says: /warning: \S*2021-04-12-cat\.md:4: categories holds a mapping/,
  },
  {
    name: "blocks nested too deep",
    files: { "2021-04-13-deep.md": `---\nlayout: post\ntitle: t\n---\n\n${">".repeat(500)} deep\n` },
    status: 1,
    says: /error: \S*2021-04-13-deep\.md:6: blocks nested more than 400 deep/,
  },
  {
    name: "a month heading far from the post's date (warning)",
    files: { "2021-04-14-far.md": "---\nlayout: post\ntitle: t\n---\n\n## 2999-12\n\n* [x] done\n" },
    status: 0,
    says: /warning: \S*2021-04-14-far\.md:6: heading "2999-12" names 2999-12, more than 5 years from the post's date/,
  },
  { name: "a file name with URL characters (fine)", files: { "2021-04-15-a#b?c%d.md": GOOD }, status: 0, says: /^(?![\s\S]*(warning|error))/ },
  {
    name: "a {:toc} marker in a post without headings (fine)",
    files: { "2021-03-06-toc.md": "---\nlayout: post\ntitle: toc\n---\n\ntext\n\n* content\n{:toc}\n" },
    status: 0,
    says: /^(?![\s\S]*(warning|error))/,
  },
];

const results = new Map<string, BuildResult>();

/**
 * The cases share a few builds, each over one posts folder holding all of its cases' files:
 * the errors found while reading posts, the errors found when pages are laid out (a post
 * over another page: these come after the first kind), the warnings, and the fine ones.
 */
function groupOf(c: Case): string {
  if (c.status === 1) return /would overwrite/.test(c.says.source) ? "clashes" : "errors";
  return /warning/.test(c.says.source) && !c.says.source.startsWith("^(?!") ? "warnings" : "fine";
}

beforeAll(async () => {
  const groups = new Map<string, Case[]>();
  for (const c of CASES) groups.set(groupOf(c), [...(groups.get(groupOf(c)) ?? []), c]);
  await Promise.all(
    [...groups.values()].map(async (cases) => {
      const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "jp-bad-")), "_posts");
      const files: Record<string, string | Buffer> = Object.assign({ "2020-12-31-good.md": GOOD }, ...cases.map((c) => c.files));
      for (const [name, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        writeFileSync(path.join(dir, name), text);
      }
      for (const c of cases) c.setup?.(dir);
      const result = await runBuildAsync({ BLOG_POSTS: dir, BLOG_REFERENCE_DATE: "2021-08-01" });
      for (const c of cases) results.set(c.name, result);
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

describe("a permalink that climbs", () => {
  it("writes nothing outside the output folder", () => {
    const r = results.get("a permalink that climbs out of the output folder")!;
    expect(existsSync(path.resolve(r.output, "../../outside"))).toBe(false);
    expect(existsSync(path.resolve(r.output, "../outside"))).toBe(false);
  });
});

describe("a file name with URL characters", () => {
  it("gets Jekyll's slug, so that its links work", () => {
    const r = results.get("a file name with URL characters (fine)")!;
    expect(r.has("/2021/04/15/a-b-c-d/")).toBe(true);
    expect(r.page("/")).toContain('href="/2021/04/15/a-b-c-d/"');
  });
});

describe("a {:toc} marker without headings", () => {
  it("gives no TOC and no stray item", () => {
    const page = results.get(CASES.at(-1)!.name)!.page("/2021/03/06/toc/");
    expect(page).not.toContain("markdown-toc");
    expect(page).not.toMatch(/<li>content/);
  });
});

describe("front matter that names site data or JavaScript's machinery", () => {
  it("reaches no template as site data and pollutes nothing", () => {
    const r = results.get("__proto__ in front matter (warning)")!;
    const page = r.page("/2021/04/11/proto/");
    expect(page).not.toContain("polluted");
    // The site's header still comes from the site, not from the post's `site:` key.
    expect(page).toContain('<a class="site-title" href="/">浩阳的博客</a>');
  });
});

describe("nested categories", () => {
  it("are flattened into names, never [object Object]", () => {
    const r = results.get("categories given as a mapping (warning)")!;
    const page = r.page("/2021/04/12/cat/");
    expect(page).not.toContain("[object Object]");
    expect(r.has("/category/a/")).toBe(true);
    expect(r.has("/category/b/")).toBe(true);
  });
});

describe("a build whose output is closed (piped into `head -1`)", () => {
  it("ends by itself with its exit code", async () => {
    const output = mkdtempSync(path.join(os.tmpdir(), "jp-epipe-"));
    const args = command(output, false);
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      // A small blog prints as many lines as it takes.
      env: buildEnv({ BLOG_POSTS: path.join(ROOT, "test/fixtures/search/_posts"), BLOG_REFERENCE_DATE: "2021-08-01" }),
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 60_000,
    });
    child.stdout.once("data", () => child.stdout.destroy());
    const [status, signal] = (await once(child, "exit")) as [number | null, NodeJS.Signals | null];
    expect(signal, "killed by the watchdog: it did not end").toBeNull();
    expect(status).toBe(0);
  }, 70_000);
});
