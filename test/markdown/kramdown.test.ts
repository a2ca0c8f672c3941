// Each construct of kramdown's text rules, rendered here and compared with what Jekyll 4.3 +
// kramdown 2.4 produced for the same markdown (test/fixtures/kramdown/*.html, recorded by
// record.rb beside them). Markup is compared as trees: elements, attributes and text, with
// white space between blocks ignored. Left out on purpose: Rouge's highlighting markup (the
// code's text is compared) and what this project adds: task anchors and labels, lazy images.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createMarkdown, sanitizePostHtml } from "../../plugins/jekyll-plans/markdown/index.ts";
import { tree } from "../helpers/kramdown-tree.ts";

const DIR = path.resolve(import.meta.dirname, "../fixtures/kramdown");
const md = createMarkdown({ highlight: false });

const cases = readdirSync(DIR)
  .filter((f) => f.endsWith(".md") && f !== "README.md")
  .sort();

describe("kramdown's text rules, compared with kramdown's own output", () => {
  it("has a recorded case for each rule", () => {
    expect(cases).toEqual(
      expect.arrayContaining([
        "typography.md",
        "line-breaks.md",
        "footnotes.md",
        "math.md",
        "deflist.md",
        "abbr.md",
        "markdown-attribute.md",
        "ial.md",
        "lists.md",
        "tasks.md",
        "raw-html.md",
        "headings.md",
        "inline.md",
        "tables.md",
        "emphasis.md",
        "table-bounds.md",
        "html-blocks.md",
        "html-spans.md",
        "blocks.md",
        "links.md",
        "fences.md",
        "lazy-lines.md",
        "setext.md",
        "list-starts.md",
        "headerless-tables.md",
        "quote-lazy.md",
        "end-of-block.md",
        "toc-html.md",
        "list-rules.md",
        "empty-items.md",
        "code-lazy.md",
        "html-boundary.md",
      ]),
    );
  });

  it("writes line numbers beside every code block as Rouge does for line_numbers: true, start_line: 3", () => {
    // test/fixtures/kramdown-line-numbers/, recorded by the record.rb there.
    const dir = path.resolve(import.meta.dirname, "../fixtures/kramdown-line-numbers");
    const rendered = createMarkdown({ highlight: false, lineNumbers: 3 }).render(readFileSync(path.join(dir, "code.md"), "utf8"), {});
    expect(tree(sanitizePostHtml(rendered))).toEqual(tree(readFileSync(path.join(dir, "code.html"), "utf8")));
    // The numbers are not the code's text for readers of the search index or screen readers.
    expect(rendered).toContain('<td class="rouge-gutter gl" data-pagefind-ignore aria-hidden="true"><pre class="lineno">3\n4\n</pre></td>');
  });

  it.each(cases)("%s", (file) => {
    const source = readFileSync(path.join(DIR, file), "utf8");
    const expected = readFileSync(path.join(DIR, file.replace(/\.md$/, ".html")), "utf8");
    const rendered = md.render(source, {});
    expect(tree(sanitizePostHtml(rendered))).toEqual(tree(expected));
  });
});
