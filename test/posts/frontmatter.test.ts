import { describe, expect, it } from "vitest";
import { FrontMatterError, parseFrontMatter } from "../../plugins/jekyll-plans/posts/frontmatter.ts";

describe("front matter", () => {
  it("splits YAML from the body and says where the body starts", () => {
    const fm = parseFrontMatter('---\nlayout: post\ntitle:  "工作计划"\ntags: tmux usage\n---\n\nbody\n');
    expect(fm.data).toEqual({ layout: "post", title: "工作计划", tags: "tmux usage" });
    expect(fm.body).toBe("\nbody\n");
    expect(fm.bodyLine).toBe(6);
  });

  it("keeps dates as text, to be read in the site's time zone", () => {
    expect(parseFrontMatter("---\ndate: 2021-07-31 23:30:00 +0800\n---\n").data.date).toBe("2021-07-31 23:30:00 +0800");
    expect(parseFrontMatter("---\ndate: 2021-07-31\n---\n").data.date).toBe("2021-07-31");
  });

  it("reports malformed YAML with its line in the file", () => {
    try {
      parseFrontMatter("---\nlayout: post\ntitle: [unclosed\n---\nbody");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FrontMatterError);
      expect((e as FrontMatterError).message).toMatch(/invalid YAML front matter/);
      expect((e as FrontMatterError).line).toBeGreaterThanOrEqual(3);
    }
  });

  it("requires front matter, closed", () => {
    expect(() => parseFrontMatter("just text")).toThrow(/no front matter/);
    expect(() => parseFrontMatter("---\ntitle: x\n")).toThrow(/not closed/);
    expect(() => parseFrontMatter("---\n- a\n- b\n---\n")).toThrow(/mapping/);
  });

  it("accepts empty front matter and a BOM", () => {
    expect(parseFrontMatter("\uFEFF---\n---\nhi").data).toEqual({});
  });

  const errorOf = (source: string): FrontMatterError => {
    try {
      parseFrontMatter(source);
    } catch (e) {
      return e as FrontMatterError;
    }
    throw new Error("no error");
  };

  it("refuses an alias bomb, naming the key and its line", () => {
    // Seven levels of nine aliases: 9⁷ (4.8 million) values once expanded, from 11 lines;
    // each level more multiplies the time any reader of the data takes by nine.
    const levels = "abcdefg".split("");
    const lines = levels.map(
      (name, i) =>
        `${name}: &${name} [${Array(9)
          .fill(i === 0 ? '"lol"' : `*${levels[i - 1]}`)
          .join(", ")}]`,
    );
    const source = `---\ntitle: bomb\n${lines.join("\n")}\ncategories: *g\n---\nbody\n`;
    const e = errorOf(source);
    expect(e).toBeInstanceOf(FrontMatterError);
    expect(e.message).toMatch(/^key "(\w+)" of the YAML front matter expands through aliases \(\*name\) to more than 10000 values$/);
    const key = /key "(\w+)"/.exec(e.message)![1]!;
    expect(source.split("\n")[e.line! - 1]).toMatch(new RegExp(`^${key}: `));
  });

  it("refuses a value that holds itself through an alias", () => {
    const e = errorOf("---\ntitle: x\nloop: &l\n  next: *l\n---\n");
    expect(e.message).toMatch(/key "loop" .* holds an alias to itself/);
    expect(e.line).toBe(3);
  });

  it("reads a lone surrogate escape as U+FFFD, as a UTF-8 reader would, in values and keys", () => {
    const fm = parseFrontMatter('---\ntitle: "a \\uD800 b \\uDC00"\ntags: ["\\uDBFF"]\n"k\\uD800": "\\uD83D\\uDE00"\n---\n');
    expect(fm.data).toEqual({ title: "a \uFFFD b \uFFFD", tags: ["\uFFFD"], "k\uFFFD": "😀" });
  });

  it("keeps aliases of ordinary use, and large data without aliases", () => {
    const fm = parseFrontMatter("---\nbase: &b [a, b]\nx: *b\ny: *b\n---\n");
    expect(fm.data).toEqual({ base: ["a", "b"], x: ["a", "b"], y: ["a", "b"] });
    const many = Array.from({ length: 30_000 }, (_, i) => `- ${i}`).join("\n");
    expect(parseFrontMatter(`---\nlist:\n${many}\n---\n`).data.list).toHaveLength(30_000);
  });
});
