// Finished posts kept on disk between builds: what is kept, when it is used, and that a cache
// that cannot be read or written never stops a build.
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PostCache, type CacheEntry, type Dependency, type DependencyTracker, type PostStore } from "../../plugins/jekyll-plans/posts/cache.ts";
import { codeFingerprint, diskStore, KEPT_FOLDERS, pluginFingerprint } from "../../plugins/jekyll-plans/posts/store.ts";

const codec = { encode: (v: { n: number; at: Date }) => v, decode: (d: unknown) => d as { n: number; at: Date } };
const entry = (n: number, deps: Dependency[] = []): CacheEntry<{ n: number; at: Date }> => ({
  value: { n, at: new Date(Date.UTC(2021, 6, n)) },
  diagnostics: [{ severity: "warning", file: "a.md", line: n, message: "注意" }],
  deps,
});
const temp = () => mkdtempSync(path.join(os.tmpdir(), "jp-store-"));

describe("the disk store", () => {
  it("gives back what was saved for the same post and text, dates and warnings included, and nothing else", async () => {
    const dir = temp();
    const problems: string[] = [];
    const store = diskStore(dir, "code+settings", codec, (m) => problems.push(m));
    store.save("/posts/a.md", "key-a", entry(1, [{ name: "image:/a.png", value: "1x1" }]));
    await store.flush();
    const again = diskStore(dir, "code+settings", codec, (m) => problems.push(m));
    expect(again.load("/posts/a.md", "key-a")).toEqual(entry(1, [{ name: "image:/a.png", value: "1x1" }]));
    expect(again.load("/posts/a.md", "other text")).toBeUndefined();
    expect(again.load("/posts/b.md", "key-a")).toBeUndefined();
    // Other plugin code or other settings: another folder, nothing shared.
    expect(diskStore(dir, "other settings", codec, () => {}).load("/posts/a.md", "key-a")).toBeUndefined();
    expect(problems).toEqual([]);
  });

  it("rebuilds an entry it cannot read, and forgets the posts that are gone", async () => {
    const dir = temp();
    const store = diskStore(dir, "ns", codec, () => {});
    store.save("/posts/a.md", "k", entry(1));
    store.save("/posts/b.md", "k", entry(2));
    await store.flush();
    const [folder] = readdirSync(dir);
    const files = readdirSync(path.join(dir, folder!));
    expect(files).toHaveLength(2);
    for (const f of files) writeFileSync(path.join(dir, folder!, f), "not a cache entry");
    expect(store.load("/posts/a.md", "k")).toBeUndefined();
    store.save("/posts/a.md", "k", entry(3));
    await store.flush();
    expect(store.load("/posts/a.md", "k")?.value.n).toBe(3);
    store.retain(new Set(["/posts/a.md"]));
    expect(readdirSync(path.join(dir, folder!))).toHaveLength(1);
  });

  it(`keeps the ${KEPT_FOLDERS} most recently used folders`, async () => {
    const dir = temp();
    for (let i = 0; i < KEPT_FOLDERS + 3; i++) {
      const store = diskStore(dir, `ns-${i}`, codec, () => {});
      store.save("/posts/a.md", "k", entry(1));
      await store.flush();
      store.retain(new Set(["/posts/a.md"]));
    }
    expect(readdirSync(dir)).toHaveLength(KEPT_FOLDERS);
    expect(diskStore(dir, `ns-${KEPT_FOLDERS + 2}`, codec, () => {}).load("/posts/a.md", "k")?.value.n).toBe(1);
  });

  it("warns once and goes on when the cache folder cannot be written", async () => {
    const parent = temp();
    const dir = path.join(parent, "cache");
    writeFileSync(dir, "a file where the folder should be");
    const problems: string[] = [];
    const store = diskStore(dir, "ns", codec, (m) => problems.push(m));
    store.save("/posts/a.md", "k", entry(1));
    store.save("/posts/b.md", "k", entry(2));
    await store.flush();
    store.retain(new Set(["/posts/a.md"]));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(dir);
    expect(store.load("/posts/a.md", "k")).toBeUndefined();
  });

  it("names the plugin's code and dependencies by a hash that stays the same within a process", () => {
    expect(pluginFingerprint()).toMatch(/^[0-9a-f]{64}$/);
    expect(pluginFingerprint()).toBe(pluginFingerprint());
  });

  it("fingerprints the code that runs: its sources change it, a rebuilt dist/ beside them does not", () => {
    const plugin = temp();
    writeFileSync(path.join(plugin, "package.json"), JSON.stringify({ name: "eleventy-plugin-jekyll-plans", dependencies: {} }));
    mkdirSync(path.join(plugin, "dist"));
    writeFileSync(path.join(plugin, "index.ts"), "export const a = 1;\n");
    writeFileSync(path.join(plugin, "dist/index.js"), "export const a = 1;\n");
    const source = codeFingerprint(plugin);
    const compiled = codeFingerprint(path.join(plugin, "dist"));
    writeFileSync(path.join(plugin, "dist/index.js"), "export const a = 2;\n");
    expect(codeFingerprint(plugin)).toBe(source);
    expect(codeFingerprint(path.join(plugin, "dist"))).not.toBe(compiled);
    writeFileSync(path.join(plugin, "index.ts"), "export const a = 2;\n");
    expect(codeFingerprint(plugin)).not.toBe(source);
  });
});

describe("the post cache with a store and a dependency tracker", () => {
  /** A tracker over a table of image sizes that the test changes. */
  function images(sizes: Map<string, string>): DependencyTracker & { look(src: string): void } {
    let log: Dependency[] | null = null;
    return {
      look: (src) => log?.push({ name: `image:${src}`, value: sizes.get(src) ?? "" }),
      record() {
        const mine: Dependency[] = [];
        log = mine;
        return () => ((log = null), mine);
      },
      current: (deps) => deps.every((d) => (sizes.get(d.name.slice(6)) ?? "") === d.value),
    };
  }

  it("uses a stored post while the images it showed keep their size, and builds it again when one changes", () => {
    const saved = new Map<string, CacheEntry<number>>();
    const store: PostStore<number> = {
      load: (file, key) => saved.get(`${file}|${key}`),
      save: (file, key, e) => void saved.set(`${file}|${key}`, e),
      retain: () => {},
      flush: async () => {},
    };
    const sizes = new Map([["/a.png", "1x1"]]);
    const tracker = images(sizes);
    let built = 0;
    const make = () => (built++, tracker.look("/a.png"), { value: 42, diagnostics: [] });

    // An earlier process filled the store.
    const first = new PostCache<number>();
    first.begin("settings", store, tracker);
    first.get("/posts/a.md", "text", make);
    expect(saved.size).toBe(1);

    const later = new PostCache<number>();
    later.begin("settings", store, tracker);
    expect(later.get("/posts/a.md", "text", make).value).toBe(42);
    expect([later.stats, built]).toEqual([{ hits: 1, stored: 1, misses: 0 }, 1]);

    sizes.set("/a.png", "2x3");
    later.begin("settings", store, tracker);
    later.get("/posts/a.md", "text", make);
    expect([later.stats, built]).toEqual([{ hits: 0, stored: 0, misses: 1 }, 2]);
    // Made again: what is kept now has the new size.
    later.begin("settings", store, tracker);
    later.get("/posts/a.md", "text", make);
    expect(later.stats).toEqual({ hits: 1, stored: 0, misses: 0 });
  });
});
