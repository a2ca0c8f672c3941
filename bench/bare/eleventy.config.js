// Bare Eleventy 3 with markdown-it, over the same posts: the benchmark's baseline.
// The input folder is given on the command line; layouts come from this folder.
import path from "node:path";

export default function (eleventyConfig) {
  eleventyConfig.setQuietMode(true);
  eleventyConfig.addLayoutAlias("post", "post.njk");
}

export const config = {
  dir: {
    includes: path.relative(path.resolve(process.env.BENCH_INPUT ?? "."), path.resolve(import.meta.dirname, "_includes")),
  },
  templateFormats: ["md"],
  markdownTemplateEngine: false,
};
