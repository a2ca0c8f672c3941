// The name the site's layouts show in the header and in <title> (`blog.site.name`).
import { describe, expect, it } from "vitest";
import { siteName } from "../../plugins/jekyll-plans/register/posts.ts";

describe("the site's name for its layouts", () => {
  it("is its title", () => {
    expect(siteName({ title: "  技术博客 ", url: "https://example.com/" })).toBe("技术博客");
  });

  it("is the host of its address when the title is blank (a Jekyll site with `title: ' '`), else Blog", () => {
    expect(siteName({ title: " ", url: "https://wenfh2020.com/" })).toBe("wenfh2020.com");
    expect(siteName({ title: "", url: "" })).toBe("Blog");
  });
});
