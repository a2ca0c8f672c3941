// A whole Jekyll site root (test/fixtures/jekyll-root) built with `npm run build`'s command
// through BLOG_ROOT: its _config.yml, posts, pages, Liquid and static files.
import { readFileSync } from "node:fs";
import path from "node:path";
import { compileString } from "sass";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { corpusBuild, ROOT, type BuildResult } from "./helpers/build.ts";
import { brokenReferences, servedFile } from "./helpers/crawl.ts";
import { all, attr, byTag, hasClass, one, parseHtml, proseText, text } from "./helpers/html.ts";

const FIXTURE = path.join(ROOT, "test/fixtures/jekyll-root");
let build: BuildResult;
const read = (file: string) => readFileSync(path.join(build.output, file), "utf8");

beforeAll(() => {
  build = corpusBuild(inject("siteRoot"));
});

describe("a Jekyll site root", () => {
  it("builds, warning about what cannot be published as Jekyll would", () => {
    expect(build.status, build.stderr).toBe(0);
    const warnings = build.stderr.trim().split("\n");
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/warning: \S*jekyll-root\/index\.html: not published: \/ is a page this site generates/),
        expect.stringMatching(/warning: \S*jekyll-root\/feed\.xml: not published: \/feed\.xml is a page this site generates/),
        // Its permalink names the file of the generated page /search/, not its URL.
        expect.stringMatching(/warning: \S*jekyll-root\/find\.md: not published: \/search\/index\.html is a page this site generates/),
        // Jekyll leaves it out without a word.
        expect.stringMatching(/warning: \S*jekyll-root\/_data\/notes\.txt: not read: _data holds YAML, JSON, CSV and TSV files/),
        // As symbolic links elsewhere in the root (GitHub Pages' safe mode).
        expect.stringMatching(/warning: \S*jekyll-root\/_data\/linked\.yml: not read: a symbolic link in _data is not followed/),
        // Jekyll writes both ("Conflict: The following destination is shared by multiple
        // files"), by file name: about.markdown last, which is what it publishes.
        expect.stringMatching(/warning: \S*jekyll-root\/old\/about-old\.md: not published: \/about\/ is also the URL of \S*jekyll-root\/about\.markdown/),
      ]),
    );
    expect(warnings).toHaveLength(6);
  });

  it("writes every file Jekyll 4.3 writes for it, at the same paths", () => {
    // Recorded with `jekyll build` (Debian's jekyll package) on the same fixture.
    const jekyll = readFileSync(path.join(ROOT, "test/fixtures/jekyll-root.jekyll-files.txt"), "utf8").trim().split("\n");
    const missing = jekyll.filter((f) => !servedFile(build.output, `/${f}`));
    expect(missing).toEqual([]);
  });

  it("compiles its Sass as Jekyll 4.3 does: after its Liquid, with @import from _sass, and a source map beside it", () => {
    // Compared rule by rule with what `jekyll build` (Debian's jekyll package, libsass) wrote
    // for css/site.scss, both in Sass's compressed form (the two compilers space CSS otherwise).
    const compressed = (css: string) => compileString(css.replace(/\/\*[\s\S]*?\*\//g, ""), { style: "compressed" }).css;
    const css = read("css/site.css");
    expect(compressed(css)).toBe(compressed(readFileSync(path.join(ROOT, "test/fixtures/jekyll-root.site.css"), "utf8")));
    expect(css.trimEnd().endsWith("/*# sourceMappingURL=site.css.map */")).toBe(true);
    const map = JSON.parse(read("css/site.css.map")) as { file: string; sources: string[]; sourcesContent: string[] };
    expect(map.file).toBe("site.css");
    expect([...map.sources].sort()).toEqual(["../_sass/_base.scss", "site.scss"]);
    expect(map.sourcesContent[map.sources.indexOf("../_sass/_base.scss")]).toContain("$accent: #c00;");
    // The partial itself is not published.
    expect(servedFile(build.output, "/_sass/_base.scss")).toBeNull();
  });

  it("has no broken internal link or image on any page", () => {
    expect(brokenReferences(build.output)).toEqual([]);
  });

  it("leaves out what Jekyll leaves out: exclude, _ and . names", () => {
    for (const file of [
      "secret.txt",
      "notes/draft.md",
      "notes/draft/index.html",
      "_drafts/draft.md",
      ".hidden",
      "_config.yml",
      "_layouts/default.html",
      "_includes/footer.html",
    ]) {
      expect(servedFile(build.output, `/${file}`), file).toBeNull();
    }
    expect(read("CNAME")).toBe("fixture.invalid\n");
    expect(readFileSync(path.join(build.output, "images/shot.png"))).toEqual(readFileSync(path.join(FIXTURE, "images/shot.png")));
    expect(read("assets/js/theme.js")).toContain('console.log("theme")');
  });

  it("gives Liquid the root's _data as site.data: YAML lists, JSON in folders, CSV rows, as Jekyll 4.3 renders them", () => {
    // What `jekyll build` (Debian's jekyll package) wrote into data/index.html for the same page.
    const page = build.page("/data/");
    expect(page).toContain('<nav><a href="/about/">About</a> <a href="/links/">Links</a> </nav>');
    expect(page).toContain("<p>Built from _data/menus/footer.json (2021)</p>");
    expect(page).toContain('<ul><li>Ada: author, editor</li><li>Linus: says "hi" (https://linus.invalid/)</li></ul>');
  });

  it("gives Liquid Jekyll's variables: site.tags, categories, pages, html_pages, static_files, config settings; a post's id, slug, path, neighbours, content; page.name and dir", () => {
    // What `jekyll build` (Debian's jekyll package) wrote into vars/index.html for the same page;
    // the post's date goes through the date filter in the site's time zone.
    const lines = build
      .page("/vars/")
      .split("\n")
      .filter((l) => /^<p>(tags|cats|pages|html_pages|first|page|site|jekyll|content):/.test(l));
    expect(lines).toEqual([
      "<p>tags: [demo:Hello;]</p>",
      "<p>cats: [技术:1]</p>",
      "<p>pages: /about/;/about/;/data/;/feed.xml;/search/index.html;/;/links/;/robots.txt;/css/site.css;/theme/;/vars/;/css/site.css.map;</p>",
      "<p>html_pages: /about/;/about/;/data/;/search/index.html;/;/links/;/theme/;/vars/;</p>",
      "<p>first: /2022/07/01/plan|plan|_posts/2022/2022-07-01-plan.md||post|2022-07-01||No trailing slash|posts|false</p>",
      "<p>page: Vars|/vars/|vars.html|value|vars.html|/vars/</p>",
      "<p>site: Fixture Blog|A Jekyll site root for the tests|https://fixture.invalid/||Someone|Asia/Shanghai|/:year/:month/:day/:title/|7|6</p>",
      "<p>jekyll: development</p>",
      "<p>content: One-digit month and day.|Written to notes/about.html.</p>",
    ]);
  });

  it("reads _config.yml: the title and author in the header and the feed, the permalink style, the TOC levels", () => {
    const home = parseHtml(build.page("/"));
    expect(text(one(home, hasClass("site-title"))!)).toBe("Fixture Blog");
    const feed = read("feed.xml");
    expect(feed).toContain("<title>Fixture Blog</title>");
    expect(feed).toContain("https://fixture.invalid/2021/07/01/hello/");
    expect(feed).toContain("<name>Someone</name>");
    // toc_levels: 2..3
    const post = parseHtml(build.page("/2021/07/01/hello/"));
    expect(
      all(
        one(post, (e) => attr(e, "id") === "markdown-toc")!,
        byTag("a"),
      ).map((a) => attr(a, "href")),
    ).toEqual(["#1-截图", "#2-视频", "#3-公式"]);
  });

  it("publishes pages at Jekyll's URLs in the site's layout, with their Liquid run", () => {
    const about = parseHtml(build.page("/about/"));
    expect(text(one(about, byTag("title"))!)).toBe("About · Fixture Blog");
    expect(text(one(about, hasClass("page-title"))!)).toBe("About");
    const body = proseText(one(about, hasClass("page-body"))!);
    expect(body).toContain("This is Fixture Blog, by Someone.");
    expect(
      attr(
        one(about, (e) => e.name === "a" && text(e) === "here")!,
        "href",
      ),
    ).toBe("/2021/07/01/hello/");
    const links = parseHtml(build.page("/links/"));
    expect(all(links, byTag("a")).map((a) => attr(a, "href"))).toEqual(expect.arrayContaining(["/about/", "/2022/07/01/plan/", "/2021/07/01/hello/"]));
    expect(read("robots.txt")).toBe("User-agent: *\nSitemap: https://fixture.invalid/sitemap.xml\n");
  });

  it("runs {% include %} from the root's _includes, as Jekyll does", () => {
    // `jekyll build` on the fixture: <p>Before the include.</p> <footer>theme</footer> <p>After the include, Theme page.</p>
    const body = one(parseHtml(build.page("/theme/")), hasClass("page-body"))!;
    expect(all(body, (e) => e.name === "p" || e.name === "footer").map(text)).toEqual(["Before the include.", "theme", "After the include, Theme page."]);
  });

  it("takes Jekyll's inputs: published: no, .mkd and .HTML posts, one-digit dates, a permalink without a slash", () => {
    expect(build.has("/2021/07/03/hidden/")).toBe(false);
    expect(proseText(parseHtml(build.page("/2021/07/04/note/")))).toContain("Written with another extension.");
    expect(one(parseHtml(build.page("/2021/07/05/raw/")), byTag("em"))).not.toBeNull();
    expect(build.has("/2021/01/06/short/")).toBe(true);
    expect(read("notes/about.html")).toContain("Written to notes/about.html.");
  });

  it("keeps the video player, makes screenshots zoomable and loads MathJax where there is math", () => {
    const post = parseHtml(build.page("/2021/07/01/hello/"));
    expect(attr(one(post, byTag("iframe"))!, "src")).toBe("//player.invalid/player.html?aid=1");
    expect(attr(one(post, byTag("img"))!, "data-action")).toBe("zoom");
    const scripts = all(post, byTag("script")).map((s) => attr(s, "src"));
    expect(scripts).toEqual(expect.arrayContaining(["/assets/jekyll-plans/zoom.js", "/assets/jekyll-plans/mathjax/tex-svg-full.js"]));
    expect(build.page("/2021/07/01/hello/")).toContain("\\(a^2 + b^2 = c^2\\)");
    // A page without math loads no MathJax.
    expect(all(parseHtml(build.page("/2021/07/04/note/")), byTag("script")).map((s) => attr(s, "src"))).not.toContain(
      "/assets/jekyll-plans/mathjax/tex-svg-full.js",
    );
  });

  it("gives the site's own images their size, so that lazy loading does not move the page", () => {
    // images/shot.png is 1 × 1; the post and the about page (a page of the site) both show it.
    for (const url of ["/2021/07/01/hello/", "/about/"]) {
      const img = one(parseHtml(build.page(url)), (e) => e.name === "img" && attr(e, "src") === "/images/shot.png")!;
      expect([attr(img, "width"), attr(img, "height"), attr(img, "loading")], url).toEqual(["1", "1", "lazy"]);
    }
  });

  it("publishes a static SVG without its script", () => {
    const svg = read("images/diagram.svg");
    expect(svg).toContain('viewBox="0 0 20 20"');
    expect(svg).not.toMatch(/script|onclick/);
  });

  it("gives two yearly plans their own progress pages and one series", () => {
    expect(build.has("/progress/2021/07/02/plan/")).toBe(true);
    expect(build.has("/progress/2022/07/01/plan/")).toBe(true);
    expect(text(one(parseHtml(build.page("/progress/")), hasClass("series-head"))!)).toContain("plan 系列");
  });
});
