// The peer a user would assemble by hand for the same blog: bare Eleventy 3 with markdown-it,
// plus the usual plugins for what this project does — code highlighting
// (eleventy-plugin-syntaxhighlight), heading anchors (markdown-it-anchor), a table of contents
// (markdown-it-table-of-contents), task lists (markdown-it-task-lists) and an Atom feed
// (eleventy-plugin-rss). Layouts come from bench/bare. The posts' kramdown `{:toc}` marker is
// not this TOC plugin's `[[toc]]`, so it writes no TOC into them: that is what such a user gets.
import path from "node:path";
import syntaxHighlight from "@11ty/eleventy-plugin-syntaxhighlight";
import { feedPlugin } from "@11ty/eleventy-plugin-rss";
import anchor from "markdown-it-anchor";
import tableOfContents from "markdown-it-table-of-contents";
import taskLists from "markdown-it-task-lists";

export default function (eleventyConfig) {
  eleventyConfig.setQuietMode(true);
  eleventyConfig.addLayoutAlias("post", "post.njk");
  eleventyConfig.addPlugin(syntaxHighlight);
  eleventyConfig.amendLibrary("md", (md) => md.use(anchor).use(tableOfContents).use(taskLists));
  eleventyConfig.addPlugin(feedPlugin, {
    type: "atom",
    outputPath: "/feed.xml",
    collection: { name: "all", limit: 20 },
    metadata: { language: "zh-CN", title: "Blog", subtitle: "", base: "https://example.invalid/", author: { name: "Author" } },
  });
}

export const config = {
  dir: {
    includes: path.relative(path.resolve(process.env.BENCH_INPUT ?? "."), path.resolve(import.meta.dirname, "../bare/_includes")),
  },
  // njk for the feed plugin's own template.
  templateFormats: ["md", "njk"],
  markdownTemplateEngine: false,
};
