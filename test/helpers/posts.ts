// The blog's post settings, for tests that read posts without a build.
import type { PostSettings } from "../../plugins/jekyll-plans/posts/post.ts";

export const POST_SETTINGS: PostSettings = {
  timeZone: "Asia/Shanghai",
  permalink: "/:year/:month/:day/:title/",
  excerptSeparator: "\n\n\n\n",
  defaultLayout: "post",
  rawHtml: "sanitize",
};
