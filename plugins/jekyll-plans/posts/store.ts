/**
 * Glue: finished posts kept on disk between builds (option `cache`, `.cache/jekyll-plans/` by
 * default, like Eleventy's own caches), so that a build parses, highlights and plans only the
 * posts that changed. One folder per plugin code and settings (its name is their hash), one
 * file per post (its name is the hash of the post's path), holding the hash of the text it was
 * made from. Files are written in the background while the build goes on (flush() waits for
 * them), whole (to a temporary name, then renamed), so that builds running at once never read
 * half an entry; an entry that cannot be read is rebuilt; a cache that cannot be written is left
 * alone with one warning.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, statSync, utimesSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import type { CacheEntry, PostStore } from "./cache.ts";

/** How many folders (plugin code × settings) a cache keeps: the most recently used. */
export const KEPT_FOLDERS = 8;

const hash = (text: string, length: number): string => createHash("sha256").update(text).digest("hex").slice(0, length);

export interface Codec<T> {
  encode(value: T): unknown;
  decode(data: unknown): T;
}

/** The store of one plugin code and one set of settings (`namespace`) in the folder `dir`. */
export function diskStore<T>(dir: string, namespace: string, codec: Codec<T>, warn: (message: string) => void): PostStore<T> {
  const folder = path.join(dir, hash(namespace, 16));
  const fileOf = (file: string): string => path.join(folder, `${hash(file, 32)}.bin`);
  let failed = false;
  let made: Promise<unknown> | undefined;
  const pending: Promise<void>[] = [];
  const fail = (e: unknown) => {
    if (failed) return;
    failed = true;
    warn(`cannot write the cache ${dir} (${(e as Error).message}); this build goes on without it`);
  };
  return {
    load(file, key) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(fileOf(file));
      } catch {
        return undefined;
      }
      try {
        const data = deserialize(bytes) as { file: string; key: string; value: unknown } & Omit<CacheEntry<T>, "value">;
        if (data.file !== file || data.key !== key) return undefined;
        return { value: codec.decode(data.value), diagnostics: data.diagnostics, deps: data.deps };
      } catch {
        return undefined;
      }
    },
    save(file, key, entry) {
      if (failed) return;
      // Serialised now (the entry may change later), written by the file system's threads while
      // the build goes on; flush() waits for the writes.
      let bytes: Buffer;
      try {
        bytes = serialize({ file, key, value: codec.encode(entry.value), diagnostics: entry.diagnostics, deps: entry.deps });
      } catch (e) {
        fail(e);
        return;
      }
      const target = fileOf(file);
      const temporary = `${target}.${process.pid}.tmp`;
      const write = async () => {
        if (!made) made = mkdir(folder, { recursive: true });
        await made;
        await writeFile(temporary, bytes);
        await rename(temporary, target);
      };
      pending.push(
        write()
          .catch((e: NodeJS.ErrnoException) => {
            // Another build may have just tidied this folder away: once more.
            if (e.code !== "ENOENT") throw e;
            made = undefined;
            return write();
          })
          .catch(async (e: unknown) => {
            await rm(temporary, { force: true }).catch(() => {});
            fail(e);
          }),
      );
    },
    async flush() {
      while (pending.length) await Promise.all(pending.splice(0));
    },
    retain(files) {
      // Entries of posts that are gone, then folders of other code or settings but the newest.
      const kept = new Set([...files].map((f) => path.basename(fileOf(f))));
      try {
        for (const name of readdirSync(folder)) if (name.endsWith(".bin") && !kept.has(name)) rmSync(path.join(folder, name), { force: true });
        const now = new Date();
        utimesSync(folder, now, now);
        const folders = readdirSync(dir)
          .map((name) => ({ name, at: statSync(path.join(dir, name)).mtimeMs }))
          .sort((a, b) => b.at - a.at);
        for (const old of folders.slice(KEPT_FOLDERS)) rmSync(path.join(dir, old.name), { recursive: true, force: true });
      } catch {
        // Nothing was written (no folder), or another build is tidying: nothing to do.
      }
    },
  };
}

let fingerprint: string | undefined;

/**
 * What a cache entry was made by: the hash of the plugin's code that runs (its TypeScript
 * sources, or its compiled `dist/` when that is what runs: never the other, which a build of the
 * package may be rewriting meanwhile) with its templates, and the versions of the packages it
 * depends on (markdown-it, highlight.js …). Any change to either makes a new cache folder.
 */
export function pluginFingerprint(): string {
  // This file is posts/store.ts (or .js): the code's root is one folder up.
  fingerprint ??= codeFingerprint(path.dirname(path.dirname(fileURLToPath(import.meta.url))));
  return fingerprint;
}

/** The fingerprint of the plugin code whose root folder is `code` (the package's, or its `dist/`). */
export function codeFingerprint(code: string): string {
  let root = code;
  while (!isPluginRoot(root) && path.dirname(root) !== root) root = path.dirname(root);
  const digest = createHash("sha256");
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        const other = dir === code && code === root && entry.name === "dist";
        if (entry.name !== "node_modules" && !entry.name.startsWith(".") && !other) walk(full);
      } else if (/\.(?:ts|js|mjs|cjs|njk|json|css)$/.test(entry.name)) digest.update(`${path.relative(code, full)}\0`).update(readFileSync(full));
    }
  };
  walk(code);
  const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
  for (const dependency of Object.keys(manifest.dependencies ?? {}).sort()) digest.update(`${dependency}@${versionOf(dependency)}\0`);
  return digest.digest("hex");
}

function isPluginRoot(dir: string): boolean {
  try {
    return (JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string }).name === "eleventy-plugin-jekyll-plans";
  } catch {
    return false;
  }
}

/** The installed version of a dependency, as the plugin's code resolves it (its package.json, found from its entry point). */
function versionOf(name: string): string {
  try {
    let dir = path.dirname(fileURLToPath(import.meta.resolve(name)));
    for (;;) {
      try {
        const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
        if (manifest.name === name) return manifest.version ?? "?";
      } catch {
        // not here
      }
      if (path.dirname(dir) === dir) return "?";
      dir = path.dirname(dir);
    }
  } catch {
    return "?";
  }
}
