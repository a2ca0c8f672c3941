/**
 * Finished posts kept between builds of one process. The preview re-runs the plugin
 * on every save; with this cache only the saved post is parsed again. An entry is
 * used only for the same file, the same source text and the same settings, so the
 * output is the same as without the cache.
 */
import { createHash } from "node:crypto";
import type { Diagnostic } from "../diagnostics.ts";

export interface CacheStats {
  hits: number;
  misses: number;
}

export class PostCache<T> {
  readonly #entries = new Map<string, { key: string; value: T; diagnostics: Diagnostic[] }>();
  #settings = "";
  stats: CacheStats = { hits: 0, misses: 0 };

  /** Starts a build with these settings; entries made with other settings are dropped. */
  begin(settings: string): void {
    if (settings !== this.#settings) this.#entries.clear();
    this.#settings = settings;
    this.stats = { hits: 0, misses: 0 };
  }

  /** The cached result for `file` with this `source`, or what `make` returns (then cached). */
  get(file: string, source: string, make: () => { value: T; diagnostics: Diagnostic[] }): { value: T; diagnostics: Diagnostic[] } {
    const key = createHash("sha1").update(source).digest("base64");
    const hit = this.#entries.get(file);
    if (hit && hit.key === key) {
      this.stats.hits++;
      return hit;
    }
    this.stats.misses++;
    const made = make();
    this.#entries.set(file, { key, ...made });
    return made;
  }

  /** Forgets files that are gone. */
  retain(files: ReadonlySet<string>): void {
    for (const f of this.#entries.keys()) if (!files.has(f)) this.#entries.delete(f);
  }
}
