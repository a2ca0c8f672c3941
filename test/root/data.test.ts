import { describe, expect, it } from "vitest";
import { buildSiteData, dataKey, parseCsv } from "../../plugins/jekyll-plans/root/data.ts";

describe("a site root's _data", () => {
  it("is site.data: each file under its name, each folder a mapping, YAML and JSON as front matter is read", () => {
    const { data, problems } = buildSiteData([
      { path: "nav.yml", text: "- title: About\n  url: /about/\n" },
      { path: "menus/footer.json", text: '{ "note": "n", "year": 2021 }' },
      { path: "menus/main.yaml", text: "draft: no\ndate: 2021-07-01\n" },
      { path: "empty.yml", text: "# nothing\n" },
    ]);
    expect(problems).toEqual([]);
    expect(data).toEqual({
      nav: [{ title: "About", url: "/about/" }],
      menus: { footer: { note: "n", year: 2021 }, main: { draft: false, date: "2021-07-01" } },
      empty: null,
    });
  });

  it("names files and folders as Jekyll's sanitize_filename does", () => {
    expect(dataKey("my nav")).toBe("my_nav");
    expect(dataKey("team-2021")).toBe("team-2021");
    expect(dataKey("a.b+c")).toBe("abc");
  });

  it("reads CSV and TSV files as rows of their headers, quotes and empty fields as Ruby's CSV reads them", () => {
    expect(parseCsv('a,b,c\n1,"x, ""y""",\r\n"multi\nline",,""\n', ",")).toEqual([
      ["a", "b", "c"],
      ["1", 'x, "y"', null],
      ["multi\nline", null, ""],
    ]);
    const { data } = buildSiteData([
      { path: "people.csv", text: "name,role\nAda,author\n" },
      { path: "people-tab.tsv", text: "name\trole\nLinus\t\n" },
      { path: "twice.csv", text: "a,a,b\n1,2,3\n" },
    ]);
    expect(data).toEqual({ people: [{ name: "Ada", role: "author" }], "people-tab": [{ name: "Linus", role: null }], twice: [{ a: "1", b: "3" }] });
  });

  it("names the file and line of what cannot be read, leaves it out, and reads the rest", () => {
    const { data, problems } = buildSiteData([
      { path: "bad.yml", text: "a: 1\nb: [2\n" },
      { path: "bad.csv", text: 'a,b\n1,"open\n2,3\n' },
      { path: "stray.csv", text: 'a\nsay "hi"\n' },
      {
        path: "bomb.yml",
        text: `a: &a [x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 8 }, (_, i) => `${"bcdefghi"[i]}: &${"bcdefghi"[i]} [${Array(9).fill(`*${"abcdefgh"[i]}`).join(", ")}]`).join("\n")}\n`,
      },
      { path: "ok.json", text: "[1, 2]" },
    ]);
    expect(data).toEqual({ ok: [1, 2] });
    expect(problems).toEqual([
      expect.objectContaining({ severity: "error", path: "bad.csv", line: 2, message: expect.stringMatching(/quoted field is not closed/) }),
      expect.objectContaining({ severity: "error", path: "bad.yml", line: 3, message: expect.stringMatching(/invalid YAML in _data\/bad\.yml/) }),
      expect.objectContaining({ severity: "error", path: "bomb.yml", message: expect.stringMatching(/expands through aliases/) }),
      expect.objectContaining({ severity: "error", path: "stray.csv", line: 2, message: expect.stringMatching(/without being quoted/) }),
    ]);
  });

  it("never lets a name or key reach JavaScript's object machinery, and reads one file per name", () => {
    const { data, problems } = buildSiteData([
      { path: "__proto__.yml", text: "polluted: true\n" },
      { path: "x.json", text: '{ "__proto__": { "polluted": true }, "ok": 1 }' },
      { path: "nav.yml", text: "a: 1\n" },
      { path: "nav.json", text: '{ "b": 2 }' },
      { path: "toString.yml", text: "c: 3\n" },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(data).toEqual({ x: { ok: 1 }, nav: { b: 2 }, toString: { c: 3 } });
    expect(problems.map((p) => [p.severity, p.path])).toEqual([
      ["error", "__proto__.yml"],
      ["warning", "nav.yml"],
    ]);
  });
});
