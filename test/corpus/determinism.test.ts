// Two builds of the same input are byte-identical, whatever the machine's time zone,
// and the build never writes into content/ or the posts folder it reads.
import path from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { snapshot } from "../global-setup.ts";
import { outputFiles, ROOT, runBuildAsync, type BuildResult } from "../helpers/build.ts";

// The suite's shared build ran in TZ=UTC; this one, of the same input, in Asia/Shanghai.
let shanghai: BuildResult;
beforeAll(async () => {
  shanghai = await runBuildAsync({ BLOG_REFERENCE_DATE: "2021-08-01", TZ: "Asia/Shanghai" });
}, 120_000);

describe("determinism", () => {
  it("two builds in different machine time zones are byte-identical, search index included", () => {
    const utc = inject("corpus");
    expect(utc.status, utc.stderr).toBe(0);
    expect(shanghai.status, shanghai.stderr).toBe(0);
    const a = outputFiles(utc.output);
    const b = outputFiles(shanghai.output);
    // The whole site: more pages than the corpus has posts, and both search bundles.
    expect([...a.keys()].filter((f) => f.endsWith(".html")).length).toBeGreaterThan(57);
    expect([...a.keys()].some((f) => f.startsWith("pagefind/fragment/"))).toBe(true);
    expect([...a.keys()].some((f) => f.startsWith("pagefind/plans/fragment/"))).toBe(true);
    expect(b).toEqual(a);
  });
});

describe("the build writes only into its output folder", () => {
  it("leaves content/ untouched, the posts it reads included, when building the repository's own blog", () => {
    expect(snapshot(path.join(ROOT, "content"))).toEqual(inject("contentBefore"));
  });
});
