/**
 * Glue: the post files of a Jekyll `_posts` folder, read safely. The walk always ends:
 * symbolic links are followed once (a link back into a folder already walked is
 * reported, not walked again), files that are not regular files (FIFOs, sockets,
 * devices) are reported and never opened, and every file-system error names its path.
 */
import { isUtf8 } from "node:buffer";
import { readdirSync, readFileSync, realpathSync, statSync, type Dirent } from "node:fs";
import path from "node:path";
import { POST_EXTENSION } from "./dates.ts";
import type { PostSource } from "./post.ts";

export type { PostSource } from "./post.ts";

export interface LoadProblem {
  severity: "error" | "warning";
  /** Path of the file or folder, as the build was given it. */
  file: string;
  message: string;
}

export interface PostFiles {
  /** Paths relative to the folder with `/` separators, sorted: every build sees the same order. */
  files: string[];
  problems: LoadProblem[];
}

const describe = (e: unknown): string => {
  const err = e as NodeJS.ErrnoException;
  return err.code === "EACCES" || err.code === "EPERM" ? "cannot be read (permission denied)" : err.code ? `cannot be read (${err.code})` : String(err.message);
};

/**
 * The posts below a Jekyll `_posts` folder: markdown (any of Jekyll's extensions, any
 * case) and HTML files. Hidden files and folders are skipped, and so are files of other
 * kinds (images beside posts).
 */
export function listPostFiles(dir: string): PostFiles {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`[jekyll-plans] the posts folder "${dir}" does not exist or is not a folder (option postsDir)`);
  }
  const files: string[] = [];
  const problems: LoadProblem[] = [];
  const walked = new Set<string>();
  const walk = (abs: string, rel: string): void => {
    let real: string;
    let entries: Dirent[];
    try {
      real = realpathSync(abs);
      entries = readdirSync(abs, { withFileTypes: true });
    } catch (e) {
      problems.push({ severity: "error", file: abs, message: `the folder ${describe(e)}` });
      return;
    }
    if (walked.has(real)) {
      problems.push({ severity: "warning", file: abs, message: `a symbolic link back to ${real}, which is already read; not followed again` });
      return;
    }
    walked.add(real);
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const name = entry.name;
      if (name.startsWith(".")) continue;
      const childAbs = path.join(abs, name);
      const childRel = rel ? `${rel}/${name}` : name;
      // The folder's listing tells a file's kind; a link (or a kind it does not tell) is looked up.
      let stat: { isDirectory(): boolean; isFile(): boolean } = entry;
      try {
        if (entry.isSymbolicLink() || !(entry.isFile() || entry.isDirectory())) stat = statSync(childAbs);
      } catch (e) {
        problems.push({ severity: "error", file: childAbs, message: `${describe(e)} (a broken symbolic link?)` });
        continue;
      }
      if (stat.isDirectory()) {
        if (POST_EXTENSION.test(name))
          problems.push({ severity: "warning", file: childAbs, message: "a folder named like a post; what it holds is read as posts" });
        walk(childAbs, childRel);
      } else if (!POST_EXTENSION.test(name)) {
        continue;
      } else if (!stat.isFile()) {
        problems.push({ severity: "error", file: childAbs, message: "not a regular file (a FIFO, socket or device); it is not read" });
      } else {
        files.push(childRel);
      }
    }
  };
  walk(dir, "");
  files.sort();
  return { files, problems };
}

/** A post's text could not be read; the message says why, for the file named with it. */
export class SourceError extends Error {}

/**
 * The largest text file read as a post or page: 64 MB. The largest post of the benchmarks
 * (50,000 tasks) is 7.3 MB; a file of hundreds of megabytes is no post, and past 512 MB it
 * cannot even be held as a JavaScript string.
 */
export const MAX_SOURCE_BYTES = 64 * 1024 * 1024;

/**
 * A post's text (or a site root page's). It must be UTF-8, as Jekyll expects; a file in another encoding is
 * refused with the encoding it seems to be in, rather than shown as mojibake.
 */
export function readSource(dir: string, relativePath: string): string {
  let bytes: Buffer;
  try {
    const size = statSync(path.join(dir, relativePath)).size;
    if (size > MAX_SOURCE_BYTES) {
      throw new SourceError(`the file is ${Math.round(size / 1024 / 1024)} MB; a post or page is read up to ${MAX_SOURCE_BYTES / 1024 / 1024} MB`);
    }
    bytes = readFileSync(path.join(dir, relativePath));
  } catch (e) {
    if (e instanceof SourceError) throw e;
    throw new SourceError(`the file ${describe(e)}`);
  }
  if (!isUtf8(bytes)) throw new SourceError(`the file is not UTF-8 (it looks like ${guessEncoding(bytes)}); save it as UTF-8`);
  // As a UTF-8 TextDecoder reads it: a byte order mark is not part of the text.
  const text = bytes.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function guessEncoding(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "UTF-16LE";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "UTF-16BE";
  const zeros = bytes.subarray(0, 512).filter((b) => b === 0).length;
  if (zeros > 16) return bytes[1] === 0 ? "UTF-16LE" : "UTF-16BE";
  for (const encoding of ["gb18030", "big5", "shift_jis", "euc-kr"]) {
    try {
      new TextDecoder(encoding, { fatal: true }).decode(bytes);
      return encoding === "gb18030" ? "GBK/GB18030" : encoding.toUpperCase();
    } catch {
      // not this one
    }
  }
  return "an unknown encoding";
}

/** Reads every post of a `_posts` folder; what cannot be read is a problem naming the file. */
export function readPosts(dir: string): { sources: PostSource[]; problems: LoadProblem[] } {
  const { files, problems } = listPostFiles(dir);
  const sources: PostSource[] = [];
  for (const relativePath of files) {
    const file = path.join(dir, relativePath);
    try {
      sources.push({ file, relativePath, text: readSource(dir, relativePath) });
    } catch (e) {
      if (!(e instanceof SourceError)) throw e;
      problems.push({ severity: "error", file, message: e.message });
    }
  }
  return { sources, problems };
}
