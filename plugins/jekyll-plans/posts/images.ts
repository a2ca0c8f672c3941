/**
 * Glue: the intrinsic size of a site's own images (`/images/a.png` → a file of the site root
 * or the input folder), read from the file's header with image-size, for the `width` and
 * `height` of lazily loaded images. Anything else (another host, a missing or unreadable
 * file, a path that leaves the folders) has no size. Sizes are kept per file and change time.
 */
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { imageSize } from "image-size";
import type { Dependency, DependencyTracker } from "./cache.ts";

type Size = { width: number; height: number };

/** Sizes by file, with the change time they were read at (kept for the preview's rebuilds). */
const known = new Map<string, { mtimeMs: number; size: Size | undefined }>();

/** `src` → size, for images below `roots` (the first that has the file wins). */
export function imageSizer(folders: readonly string[]): (src: string) => Size | undefined {
  // A site root that is also Eleventy's input is looked in once.
  const roots = [...new Set(folders.map((f) => path.resolve(f)))];
  // A missing file is the common answer (an image of another site, or not yet added): asked
  // without an exception, which costs more than the lookup (a cached post asks again per build).
  const fileOf = (src: string): { file: string; mtimeMs: number } | undefined => {
    if (!src.startsWith("/") || src.startsWith("//")) return undefined;
    let rel: string;
    try {
      rel = decodeURIComponent(src.split(/[?#]/)[0]!);
    } catch {
      return undefined;
    }
    for (const root of roots) {
      const base = root;
      const file = path.resolve(base, `.${rel}`);
      if (file !== base && !file.startsWith(base + path.sep)) continue;
      try {
        const st = statSync(file, { throwIfNoEntry: false });
        if (st?.isFile()) return { file, mtimeMs: st.mtimeMs };
      } catch {
        // not readable in this root (a path through a file, say)
      }
    }
    return undefined;
  };
  return (src) => {
    const found = fileOf(src);
    if (!found) return undefined;
    const { file, mtimeMs } = found;
    const hit = known.get(file);
    if (hit?.mtimeMs === mtimeMs) return hit.size;
    let size: Size | undefined;
    try {
      const s = imageSize(readFileSync(file));
      size = s.width && s.height ? { width: s.width, height: s.height } : undefined;
    } catch {
      size = undefined;
    }
    known.set(file, { mtimeMs, size });
    return size;
  };
}

/**
 * A sizer that records the images a post's pass asks about, for the post cache: a cached post
 * is used only while each image it showed still has the size it had (or still has none).
 */
export function trackedSizer(sizer: (src: string) => Size | undefined): { size: (src: string) => Size | undefined; tracker: DependencyTracker } {
  let log: Dependency[] | null = null;
  const describe = (s: Size | undefined): string => (s ? `${s.width}x${s.height}` : "");
  return {
    size(src) {
      const s = sizer(src);
      log?.push({ name: `image:${src}`, value: describe(s) });
      return s;
    },
    tracker: {
      record() {
        const mine: Dependency[] = [];
        log = mine;
        return () => {
          log = null;
          return mine;
        };
      },
      current: (deps) => deps.every((d) => !d.name.startsWith("image:") || describe(sizer(d.name.slice("image:".length))) === d.value),
    },
  };
}
