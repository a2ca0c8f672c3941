import { describe, expect, it } from "vitest";
import { createMarkdown } from "../../plugins/jekyll-plans/markdown/index.ts";
import { delimiterFor, protectCodePipes } from "../../plugins/jekyll-plans/markdown/tables.ts";

const md = createMarkdown({ highlight: false });
const STAND_IN = "\uE000";

describe("pipes in code in table rows", () => {
  it("are told apart from the pipes that end a cell: in code spans of any fence and in <code>, not escaped or unclosed", () => {
    expect(protectCodePipes("| `a || b` | c |")).toBe(`| \`a ${STAND_IN}${STAND_IN} b\` | c |`);
    expect(protectCodePipes("| ``p|`q`` | `x` |")).toBe(`| \`\`p${STAND_IN}\`q\`\` | \`x\` |`);
    expect(protectCodePipes("| <code>m|n</code> | o |")).toBe(`| <code>m${STAND_IN}n</code> | o |`);
    expect(protectCodePipes("| \\`a|b\\` |")).toBe("| \\`a|b\\` |");
    expect(protectCodePipes("| `unclosed | cell |")).toBe("| `unclosed | cell |");
  });

  it("come back as written wherever the line is not a table: a fence, a paragraph, a heading", () => {
    // (After a blank line, `See `x|y` | z` alone is a table for kramdown: under a line of text it is not.)
    const source = "```\n| `a|b` | c |\n|---|---|\n```\n\nText first,\nSee `x|y` | z\n\n## `p|q` | r\n";
    const html = md.render(source, {});
    expect(html).not.toContain(STAND_IN);
    expect(html).toContain('<pre tabindex="0"><code>| `a|b` | c |\n|---|---|\n</code></pre>');
    expect(html).toContain("<p>Text first,\nSee <code>x|y</code> | z</p>");
    expect(html).toContain("<code>p|q</code> | r</h2>");
  });

  it("make a table of lines that each hold a pipe, without a separator line, as kramdown does (Jekyll 4.3.1's output)", () => {
    const html = md.render("x\n\nSee `x|y` | z\na | b | c\n", {});
    expect(html).not.toContain(STAND_IN);
    expect(html).toContain("<table>\n<tbody>\n<tr>\n<td>See <code>x|y</code></td>\n<td>z</td>\n<td></td>\n</tr>\n<tr>\n<td>a</td>\n<td>b</td>\n<td>c</td>");
    expect(html).not.toContain("<thead>");
  });

  it("make a delimiter row with the header's cells in the row's own length, keeping alignments, or none", () => {
    expect(delimiterFor("h1 | h2 | h3", ":-:|---")).toBe(":-:|-|-");
    expect(delimiterFor("| a |", "|---|---:|")).toBe("|-|".padEnd(10, " "));
    expect(delimiterFor("a | b | c", "-|-")).toBeNull();
    expect(delimiterFor("a | b", "---|---")).toBeNull();
    expect(delimiterFor("a | b | c", "--|x")).toBeNull();
  });

  it("keep a post's own private-use characters: then pipes split cells as markdown-it's tables do", () => {
    const html = md.render(`| a ${STAND_IN} | \`b|c\` |\n|---|---|---|\n| 1 | 2 | 3 |\n`, {});
    expect(html).toContain(`<th>a ${STAND_IN}</th>\n<th>\`b</th>\n<th>c\`</th>`);
  });
});
