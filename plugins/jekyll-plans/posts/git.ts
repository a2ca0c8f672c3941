/**
 * Glue: the committed versions of posts, read with the git command line. A post's history
 * follows renames (`git log --follow`: the blog moved its posts into year folders); its
 * versions are read in one `git cat-file --batch`. Histories are kept per HEAD, so a
 * process reads each post's history once until the next commit.
 *
 * No git, no repository, a shallow clone or an untracked post give no history (and a
 * one-line note), never an error: the plans are then dated by their headings only.
 */
import { spawnSync } from "node:child_process";
import { realpathSync } from "node:fs";
import path from "node:path";
import type { PostHistory, PostVersion } from "../plans/history.ts";

export interface GitHistory {
  /** The history of a post (a path as the build was given it), or null with a note. */
  historyOf(sourcePath: string): (PostHistory & { head: string }) | null;
  /** Why posts have no history, one line each, in the order found. */
  readonly notes: string[];
}

/** Histories by repository, HEAD and file: kept for the life of the process (the preview). */
const cache = new Map<string, PostVersion[] | null>();

function git(args: string[], cwd: string, input?: string): { ok: boolean; out: Buffer; missing: boolean } {
  const r = spawnSync("git", args, { cwd, input, maxBuffer: 1 << 30, env: { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" } });
  const missing = (r.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT";
  return { ok: !r.error && r.status === 0, out: r.stdout ?? Buffer.alloc(0), missing };
}

const text = (b: Buffer): string => b.toString("utf8").trim();

/**
 * The git history of the repository that holds `dir`. Nothing is read until a post's
 * history is asked for.
 */
export function gitHistory(dir: string): GitHistory {
  const notes: string[] = [];
  let repo: { top: string; head: string } | null | undefined;
  const open = (): { top: string; head: string } | null => {
    if (repo !== undefined) return repo;
    repo = null;
    const top = git(["rev-parse", "--show-toplevel"], dir);
    if (top.missing) notes.push("git is not installed: done dates come from dated headings only");
    else if (!top.ok) notes.push(`${dir} is not in a git repository: done dates come from dated headings only`);
    else if (text(git(["rev-parse", "--is-shallow-repository"], dir).out) === "true")
      notes.push("the repository is a shallow clone (its history is cut): done dates come from dated headings only");
    else {
      const head = git(["rev-parse", "--verify", "-q", "HEAD"], dir);
      if (!head.ok) notes.push("the repository has no commits yet: done dates come from dated headings only");
      else repo = { top: text(top.out), head: text(head.out) };
    }
    return repo;
  };

  return {
    notes,
    historyOf(sourcePath) {
      const r = open();
      if (!r) return null;
      let rel: string;
      try {
        rel = path.relative(r.top, realpathSync(sourcePath)).split(path.sep).join("/");
      } catch {
        return null;
      }
      const key = `${r.top}\0${r.head}\0${rel}`;
      if (!cache.has(key)) cache.set(key, readVersions(r.top, rel));
      const versions = cache.get(key)!;
      if (!versions) {
        notes.push(`${sourcePath} is not committed: its done dates come from dated headings only`);
        return null;
      }
      return { head: r.head, versions };
    },
  };
}

/** The committed versions of `rel` (a path below the repository's top), oldest first; null when none. */
function readVersions(top: string, rel: string): PostVersion[] | null {
  const log = git(["log", "--follow", "--format=%x1e%H%x1f%aI", "--name-only", "--", rel], top);
  if (!log.ok) return null;
  const commits: { hash: string; date: string; path: string }[] = [];
  for (const record of log.out.toString("utf8").split("\x1e").slice(1)) {
    const [head = "", ...names] = record.split("\n");
    const [hash = "", date = ""] = head.split("\x1f");
    const file = names.find((n) => n.trim() !== "");
    // A merge lists no file: its content is one of its parents'.
    if (hash && date && file) commits.push({ hash, date, path: file });
  }
  if (commits.length === 0) return null;
  commits.reverse();
  const batch = git(["cat-file", "--batch"], top, commits.map((c) => `${c.hash}:${c.path}\n`).join(""));
  if (!batch.ok) return null;
  const out: PostVersion[] = [];
  let at = 0;
  for (const c of commits) {
    const eol = batch.out.indexOf(10, at);
    if (eol < 0) break;
    const header = batch.out.subarray(at, eol).toString("utf8").split(" ");
    at = eol + 1;
    // `<object> missing`: the file was deleted in that commit (then followed elsewhere).
    if (header[1] !== "blob") continue;
    const size = Number(header[2]);
    out.push({ commit: { hash: c.hash, date: c.date }, text: batch.out.subarray(at, at + size).toString("utf8") });
    at += size + 1;
  }
  return out.length ? out : null;
}
