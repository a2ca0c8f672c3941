// This blog's Eleventy configuration: the plugin, wired with the blog's settings.
import jekyllPlans from "./plugins/jekyll-plans/index.ts";
import site from "./content/_data/site.json" with { type: "json" };

export default function (eleventyConfig: any) {
  eleventyConfig.addPlugin(jekyllPlans, {
    postsDir: "content/_posts",
    timeZone: "Asia/Shanghai",
    permalink: "/:year/:month/:day/:title/",
    excerptSeparator: "\n\n\n\n",
    // Overdue is judged against today unless a date is given (reproducible builds, tests).
    referenceDate: process.env.BLOG_REFERENCE_DATE || undefined,
    // BLOG_SEARCH=off builds without the search index; BLOG_SEARCH=sections indexes tasks
    // as sub-results of their posts (the benchmark compares them).
    ...(process.env.BLOG_SEARCH === "off" ? { search: false as const } : {}),
    ...(process.env.BLOG_SEARCH === "sections" ? { search: { tasks: "sections" as const } } : {}),
    feed: {
      title: site.title,
      subtitle: site.description,
      base: site.url,
      author: { name: site.author },
    },
  });
  eleventyConfig.addPassthroughCopy({ "content/assets": "assets" });
}

export const config = {
  dir: { input: "content", includes: "../layouts", data: "_data", output: "_site" },
  templateFormats: ["njk", "md", "html", "11ty.js"],
  // Markdown pages are markdown only: code with {{ or {% stays as written.
  markdownTemplateEngine: false,
};
