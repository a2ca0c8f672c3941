// A site root's Sass files: `_config.yml`'s sass settings, and the errors of a stylesheet that
// does not compile, each naming its file and line, including one that reaches out of the root.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildInProcess, runBuildAsync } from "../helpers/build.ts";

/** A site root with `files` (relative path → text) and one post. */
function siteRoot(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "jp-sass-"));
  const all = { "_posts/2021-07-01-x.md": "---\ntitle: x\n---\nhi\n", ...files };
  for (const [file, text] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe("a site root's Sass", () => {
  it("follows _config.yml's sass: sass_dir, load_paths, style compressed, sourcemap never", async () => {
    const root = siteRoot({
      "_config.yml": "title: T\nsass:\n  sass_dir: styles\n  load_paths: [vendor/sass]\n  style: compressed\n  sourcemap: never\n",
      "styles/_colours.scss": "$ink: #123456;\n",
      "vendor/sass/_grid.scss": ".grid { display: grid; }\n",
      "assets/main.scss": '---\n---\n@import "colours", "grid";\np { color: $ink; }\n',
      "assets/plain.sass": "---\n---\n$w: 2px\n.box\n  border: $w solid\n",
    });
    const build = await buildInProcess({ BLOG_ROOT: root, BLOG_REFERENCE_DATE: "2022-08-01" });
    expect(build.status, build.stderr).toBe(0);
    expect(build.page("/assets/main.css").trim()).toBe(".grid{display:grid}p{color:#123456}");
    expect(build.page("/assets/plain.css").trim()).toBe(".box{border:2px solid}");
    expect(build.has("/assets/main.css.map")).toBe(false);
    // The load paths' own files are not pages of the site.
    expect(build.has("/vendor/sass/_grid.scss")).toBe(false);
  });

  it("that does not compile fails the build, naming the file and line, also in a partial; and reads nothing outside the root", async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), "jp-sass-outside-"));
    writeFileSync(path.join(outside, "_secret.scss"), ".secret { content: 'from outside'; }\n");
    const root = siteRoot({
      "_config.yml": "title: T\n",
      // The error is on the file's line 5: two lines of front matter, then the text.
      "css/broken.scss": "---\n# front matter\n---\n.a { color: red; }\n.b { color: ; }\n",
      "_sass/_faulty.scss": "$x: 1;\n\n.c { width: $undefined; }\n",
      "css/imports.scss": '---\n---\n@import "faulty";\n',
      "css/escapes.scss": `---\n---\n@import "${path.join(outside, "secret")}";\n`,
      "css/fine.scss": "---\n---\n.ok { color: blue; }\n",
    });
    // The command, for its exit code and what it prints.
    const build = await runBuildAsync({ BLOG_ROOT: root, BLOG_REFERENCE_DATE: "2022-08-01" });
    expect(build.status).toBe(1);
    expect(build.stderr).toMatch(/3 errors in the site's sources/);
    expect(build.stderr).not.toMatch(/\n\s+at /);
    expect(build.stderr).toMatch(/css\/broken\.scss:5\b[^\n]*Sass: Expected expression/);
    expect(build.stderr).toMatch(/css\/imports\.scss\b[^\n]*Sass: Undefined variable\. \(in _sass\/_faulty\.scss, line 3\)/);
    expect(build.stderr).toMatch(/css\/escapes\.scss: Sass: loads \S+_secret\.scss, which is outside the site root/);
    expect(build.stderr).not.toContain("from outside");
  });
});
