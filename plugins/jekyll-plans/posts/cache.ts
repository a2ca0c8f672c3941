/**
 * Finished posts kept between builds. In one process (the preview re-runs the plugin on
 * every save) they are kept in memory; with a `store` (the caller's: a folder on disk) they
 * are kept across processes too, so that a build parses, highlights and plans only the posts
 * that changed. An entry is used only for the same file, the same source text and the same
 * settings (a store is made for one plugin version and one set of settings), and only while
 * what the post looked up outside its text (the size of an image it shows) is still what it
 * was: the output is the same as without the cache.
 */
import { createHash } from "node:crypto";
import type { Diagnostic } from "../diagnostics.ts";

export interface CacheStats {
  hits: number;
  /** Of the hits, those read from the store (an earlier process). */
  stored: number;
  misses: number;
}

/** Something outside a post's text that its result depends on, with the value it had. */
export interface Dependency {
  /** What was looked up, e.g. `image:/images/a.png`. */
  name: string;
  value: string;
}

/** Records what a post's pass looks up, and tells whether it is still the same. */
export interface DependencyTracker {
  /** Starts recording; the function returned stops and gives what was looked up. */
  record(): () => Dependency[];
  /** Whether every dependency still has its recorded value. */
  current(deps: readonly Dependency[]): boolean;
}

/** One finished post as a cache keeps it. */
export interface CacheEntry<T> {
  value: T;
  diagnostics: Diagnostic[];
  deps: Dependency[];
}

/** Entries kept outside the process: `key` is the hash of the post's source text. */
export interface PostStore<T> {
  load(file: string, key: string): CacheEntry<T> | undefined;
  save(file: string, key: string, entry: CacheEntry<T>): void;
  /** The build is over: `files` are the posts it read (entries of others may go). */
  retain(files: ReadonlySet<string>): void;
  /** Resolves once every entry saved so far is written. */
  flush(): Promise<void>;
}

const NO_TRACKER: DependencyTracker = { record: () => () => [], current: () => true };

export class PostCache<T> {
  /** By file: the source it was made from (compared as text: cheaper than hashing it again) and the entry. */
  readonly #entries = new Map<string, { source: string } & CacheEntry<T>>();
  #settings = "";
  #store: PostStore<T> | undefined;
  #tracker: DependencyTracker = NO_TRACKER;
  #retained: ReadonlySet<string> | undefined;
  stats: CacheStats = { hits: 0, stored: 0, misses: 0 };

  /**
   * Starts a build with these settings; entries made with other settings are dropped.
   * `store`: the entries kept across processes for these settings, if any.
   */
  begin(settings: string, store?: PostStore<T>, tracker: DependencyTracker = NO_TRACKER): void {
    if (settings !== this.#settings) this.#entries.clear();
    this.#settings = settings;
    this.#store = store;
    this.#tracker = tracker;
    this.#retained = undefined;
    this.stats = { hits: 0, stored: 0, misses: 0 };
  }

  /** The cached result for `file` with this `source`, or what `make` returns (then cached). */
  get(file: string, source: string, make: () => { value: T; diagnostics: Diagnostic[] }): { value: T; diagnostics: Diagnostic[] } {
    const hit = this.#entries.get(file);
    if (hit && hit.source === source && this.#tracker.current(hit.deps)) {
      this.stats.hits++;
      return hit;
    }
    const key = createHash("sha1").update(source).digest("base64");
    const stored = this.#store?.load(file, key);
    if (stored && this.#tracker.current(stored.deps)) {
      this.stats.hits++;
      this.stats.stored++;
      this.#entries.set(file, { source, ...stored });
      return stored;
    }
    this.stats.misses++;
    const stop = this.#tracker.record();
    const made = make();
    const entry = { ...made, deps: stop() };
    this.#entries.set(file, { source, ...entry });
    this.#store?.save(file, key, entry);
    return made;
  }

  /** Forgets files that are gone. */
  retain(files: ReadonlySet<string>): void {
    for (const f of this.#entries.keys()) if (!files.has(f)) this.#entries.delete(f);
    this.#retained = files;
  }

  /** Waits for the store's writes, then lets it forget the posts that are gone. */
  async flush(): Promise<void> {
    const store = this.#store;
    if (!store) return;
    await store.flush();
    if (this.#retained) store.retain(this.#retained);
  }
}
