// This blog's Eleventy configuration: the plugin, wired with the blog's settings.
import type { EleventyConfig } from "./plugins/jekyll-plans/eleventy.ts";
import jekyllPlans from "./plugins/jekyll-plans/index.ts";

export default function (eleventyConfig: EleventyConfig) {
  eleventyConfig.addPlugin(jekyllPlans, {
    // The blog is a Jekyll site root: its _config.yml (title, permalink, time zone, kramdown
    // settings), its _posts, its pages and its files. BLOG_ROOT points the build at another one,
    // BLOG_POSTS at another _posts folder.
    siteRoot: "content",
    // Overdue is judged against today unless a date is given (reproducible builds, tests).
    referenceDate: process.env.BLOG_REFERENCE_DATE || undefined,
    // BLOG_SEARCH=off builds without the search index; BLOG_SEARCH=sections indexes tasks
    // as sub-results of their posts (the benchmark compares them).
    ...(process.env.BLOG_SEARCH === "off" ? { search: false as const } : {}),
    // BLOG_CACHE=on keeps finished posts in .cache/jekyll-plans/ between builds, so that a
    // build redoes only the posts that changed; BLOG_CACHE=<folder> keeps them there.
    ...(process.env.BLOG_CACHE ? { cache: process.env.BLOG_CACHE === "on" ? true : process.env.BLOG_CACHE } : {}),
    ...(process.env.BLOG_SEARCH === "sections" ? { search: { tasks: "sections" as const } } : {}),
  });
  // The site's look goes with its layouts, whichever Jekyll root is built.
  eleventyConfig.addPassthroughCopy({ "layouts/assets": "assets" });
}

export const config = {
  dir: { input: "content", includes: "../layouts", data: "_data", output: "_site" },
  templateFormats: ["njk", "md", "html", "11ty.js"],
  // Markdown pages are markdown only: code with {{ or {% stays as written.
  markdownTemplateEngine: false,
};
