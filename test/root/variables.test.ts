import { describe, expect, it } from "vitest";
import { POST_SETTINGS } from "../helpers/posts.ts";
import { Diagnostics } from "../../plugins/jekyll-plans/diagnostics.ts";
import { createMarkdown } from "../../plugins/jekyll-plans/markdown/index.ts";
import { readPost, type Post } from "../../plugins/jekyll-plans/posts/post.ts";
import { createLiquid, renderLiquid } from "../../plugins/jekyll-plans/root/liquid.ts";
import { siteVariables } from "../../plugins/jekyll-plans/root/variables.ts";

const md = createMarkdown();
const post = (name: string, frontMatter: string): Post =>
  readPost(`_posts/${name}`, name, `---\n${frontMatter}\n---\nbody\n`, md, POST_SETTINGS, new Diagnostics())!.post;

const posts = [
  post("2021-07-02-new.md", "title: New\ntags: [__proto__, constructor]\nurl: /not-mine/\nauthor: Ada"),
  post("2021-07-01-old.md", "title: Old\ncategories: [c]\ntags: [constructor]"),
];
const site = siteVariables({
  config: { title: "from config", timezone: "UTC", author: { name: "Me", email: "me@x.invalid" } },
  site: { title: "T", description: "", url: "https://t.invalid/", author: { name: "Me", email: "me@x.invalid" } },
  posts,
  pathOf: (p) => `_posts/${p.relativePath}`,
  pages: [{ path: "docs/about.md", url: "/docs/about/", data: { title: "About" } }],
  statics: ["images/a.png"],
  data: {},
  time: "2022-08-01",
  timeZone: "Asia/Shanghai",
});
const render = (text: string) =>
  renderLiquid(createLiquid({ site, postUrls: new Map(), links: new Map(), timeZone: "Asia/Shanghai", md }), text, { site, page: {} });

describe("Liquid's site variables", () => {
  it("group the posts by tag and category, newest first, whatever the names", () => {
    expect(render("{% for t in site.tags %}[{{ t[0] }}:{% for p in t[1] %}{{ p.title }};{% endfor %}]{% endfor %}")).toBe(
      "[__proto__:New;][constructor:New;Old;]",
    );
    expect(render("{% for c in site.categories %}{{ c[0] }}={{ c[1].size }}{% endfor %}")).toBe("c=1");
  });

  it("give each post its front matter under what Jekyll computes, and its neighbours without theirs", () => {
    expect(render("{% assign p = site.posts.first %}{{ p.url }}|{{ p.id }}|{{ p.author }}|{{ p.previous.title }}|{{ p.previous.previous }}|{{ p.next }}")).toBe(
      "/2021/07/02/new/|/2021/07/02/new|Ada|Old||",
    );
    expect(() => JSON.parse(render("{{ site.posts | jsonify }}"))).not.toThrow();
  });

  it("keep _config.yml's settings, the site's computed ones winning, and print a mapping author as its name", () => {
    expect(render("{{ site.timezone }}|{{ site.title }}|{{ site.author }}|{{ site.author.email }}|{{ site.baseurl }}|{{ site.time | date: '%Y' }}")).toBe(
      "UTC|T|Me|me@x.invalid||2022",
    );
    // Printed as Jekyll prints a time (Ruby's Time#to_s), in the site's zone whatever the
    // machine's; the date filters read it back.
    expect(render("{{ site.time }}|{{ site.posts.first.date }}|{{ site.posts.first.date | date: '%F %H:%M' }}")).toBe(
      "2022-08-01 00:00:00 +0800|2021-07-02 00:00:00 +0800|2021-07-02 00:00",
    );
    expect(render("{% for p in site.pages %}{{ p.url }} {{ p.name }} {{ p.dir }}{% endfor %}|{{ site.static_files.first.extname }}")).toBe(
      "/docs/about/ about.md /docs/about/|.png",
    );
  });
});
