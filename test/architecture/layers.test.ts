// The plugin's layers, bottom to top: what each folder may import. A module may import its own
// layer and those below, never one above (the README's map of folders says the same).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/build.ts";

const PLUGIN = path.join(ROOT, "plugins/jekyll-plans");

/** Layer of a module, by its path below the plugin. */
function layerOf(file: string): number {
  if (/^(diagnostics\.ts|markdown\/|types\/)/.test(file)) return 0; // text and markdown-it rules
  if (
    file === "posts/load.ts" ||
    file === "posts/git.ts" ||
    file === "posts/images.ts" ||
    file === "root/files.ts" ||
    file === "root/register.ts" ||
    file === "root/sass.ts"
  )
    return 4; // file system and Eleventy glue
  if (/^(posts|plans|archive|root)\//.test(file)) return 1; // the model's parts
  if (file === "site.ts") return 2; // the model
  if (/^(pages|search)\//.test(file)) return 3; // what is made from the model
  return 4; // options, logging, output, watching, the entry
}

const modules = (readdirSync(PLUGIN, { recursive: true, encoding: "utf8" }) as string[])
  .map((f) => f.split(path.sep).join("/"))
  .filter((f) => f.endsWith(".ts") && !f.startsWith("dist/") && !f.startsWith("node_modules/") && !f.endsWith(".d.ts"));

describe("the plugin's layers", () => {
  it("has its modules in layers", () => {
    expect(modules.length).toBeGreaterThan(30);
  });

  it.each(modules)("%s imports nothing from a layer above it", (file) => {
    const source = readFileSync(path.join(PLUGIN, file), "utf8");
    const above = [...source.matchAll(/^\s*(?:import|export)[^;]*?from\s+"(\.{1,2}\/[^"]+)"/gm)]
      .map((m) => path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]!)))
      .filter((target) => layerOf(target) > layerOf(file))
      .map((target) => `${file} (layer ${layerOf(file)}) imports ${target} (layer ${layerOf(target)})`);
    expect(above).toEqual([]);
  });
});
