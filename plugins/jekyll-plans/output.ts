/**
 * Glue: every file the build writes belongs to one source. A post whose URL is a page
 * the plugin generates, lies in a folder the plugin writes (the search bundle, its
 * assets) or is a file the site copies (Eleventy passthrough copy) would overwrite it.
 */
import { existsSync, readFileSync, realpathSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "./diagnostics.ts";
import { outputPathOf } from "./posts/url.ts";

export interface OutputOwners {
  /** URLs of generated pages. */
  generated: ReadonlySet<string>;
  /** URL prefixes (`/pagefind/`) of folders the plugin writes. */
  folders: readonly string[];
  /** Eleventy's passthrough copies: source path → output path (`true`: the same path). */
  passthrough: Record<string, { outputPath: string | boolean }>;
  /** Eleventy's input folder, which `outputPath: true` copies are relative to. */
  input: string;
}

/** The files a passthrough copy writes at `outputFile` (relative to the output folder), if it writes one there. */
function copiedSource(outputFile: string, owners: OutputOwners): string | null {
  for (const [source, { outputPath }] of Object.entries(owners.passthrough)) {
    if (/[*?{[]/.test(source)) continue; // globs are not followed
    const target = outputPath === true ? path.relative(owners.input, source) : String(outputPath);
    const dest = target.replace(/^\/+|\/+$/g, "");
    if (outputFile === dest && existsSync(source)) return source;
    if (outputFile.startsWith(`${dest}/`) && existsSync(path.join(source, outputFile.slice(dest.length + 1))))
      return path.join(source, outputFile.slice(dest.length + 1));
  }
  return null;
}

/** Errors for the posts whose URL another part of the site already writes. */
export function outputClashes(posts: readonly { url: string; sourcePath: string }[], owners: OutputOwners): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Compared as the files they are written to: `/search/index.html` is the page `/search/`.
  const generated = new Map([...owners.generated].map((url) => [outputPathOf(url), url]));
  for (const { url, sourcePath } of posts) {
    const written = outputPathOf(url);
    const file = written.replace(/^\/+/, "");
    const folder = owners.folders.find((f) => written.startsWith(f));
    // A post under a generated file's name (`/feed.xml/`) would need a folder where the file is:
    // each folder above the post's file is looked up too.
    let page = generated.get(written);
    for (let slash = written.indexOf("/", 1); !page && slash > 0; slash = written.indexOf("/", slash + 1)) page = generated.get(written.slice(0, slash));
    let owner: string | null = null;
    if (page) owner = `the page ${page} this site generates`;
    else if (folder) owner = `the folder ${folder} this site writes`;
    else {
      const copied = copiedSource(file, owners);
      if (copied) owner = `the file copied from ${copied}`;
    }
    if (owner) out.push({ severity: "error", file: sourcePath, message: `its URL ${url} would overwrite ${owner}; give it another permalink` });
  }
  return out;
}

/** Output paths as a manifest lists them: relative, with forward slashes. */
const listed = (written: Iterable<string>): string[] => [...written].map((f) => f.split(path.sep).join("/").replace(/^\/+/, ""));

/** The files a manifest lists; none when there is no manifest (a first build, or an output folder of another tool). */
function manifestFiles(manifest: string): string[] {
  try {
    const data = JSON.parse(readFileSync(manifest, "utf8")) as { files?: unknown };
    return Array.isArray(data.files) ? data.files.filter((f): f is string => typeof f === "string") : [];
  } catch {
    return [];
  }
}

/**
 * Adds `written` to the manifest without removing anything: files a preview rebuild wrote
 * after a newer one had started, which the newer one's cleaning then removes if it did not
 * write them too.
 */
export function recordOutput(output: string, written: Iterable<string>): void {
  const manifest = path.join(path.resolve(output), MANIFEST);
  const files = new Set([...manifestFiles(manifest), ...listed(written)]);
  writeFileSync(manifest, `${JSON.stringify({ files: [...files].sort() }, null, 1)}\n`);
}

/** Whether `dir`, with its symbolic links followed, is `realRoot` or inside it. */
function inside(realRoot: string, dir: string): boolean {
  try {
    const real = realpathSync(dir);
    return real === realRoot || real.startsWith(`${realRoot}${path.sep}`);
  } catch {
    return false; // gone, or cannot be read: nothing to remove there
  }
}

/** The file in the output folder that lists what the last build wrote. */
export const MANIFEST = ".jekyll-plans-manifest.json";

/**
 * Removes from `output` the files the previous build wrote (as its manifest lists them)
 * that this build did not write, except those `keep` names, then empty folders left behind;
 * writes the new manifest.
 * Only listed files are ever removed, and only inside `output`: never the user's files.
 * Returns what was removed.
 */
export function cleanStaleOutput(output: string, written: Iterable<string>, keep: (file: string) => boolean = () => false): string[] {
  const root = path.resolve(output);
  const current = new Set(listed(written));
  const manifest = path.join(root, MANIFEST);
  const previous = manifestFiles(manifest);
  const removed: string[] = [];
  const realRoot = realpathSync(root);
  for (const file of previous) {
    // Kept (the preview's index, not yet made again): still listed, for a later cleaning.
    if (keep(file)) current.add(file);
    if (current.has(file)) continue;
    const abs = path.resolve(root, file);
    if (!abs.startsWith(`${root}${path.sep}`)) continue;
    // Nor through a symbolic link in the folder: its real folder must be inside too.
    if (!inside(realRoot, path.dirname(abs))) continue;
    try {
      rmSync(abs, { force: true });
      removed.push(file);
    } catch {
      continue;
    }
    for (let dir = path.dirname(abs); dir.startsWith(`${root}${path.sep}`); dir = path.dirname(dir)) {
      try {
        rmdirSync(dir);
      } catch {
        break; // not empty
      }
    }
  }
  writeFileSync(manifest, `${JSON.stringify({ files: [...current].sort() }, null, 1)}\n`);
  return removed;
}
