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
});
