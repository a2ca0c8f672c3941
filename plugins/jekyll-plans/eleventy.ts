/** The few Eleventy 3 configuration methods the plugin uses, typed. */
export interface EleventyConfig {
  directories: { input: string; includes: string; layouts?: string; output: string };
  ignores: Set<string>;
  /** Source → output of the site's passthrough copies (plugins run after the site's own config). */
  passthroughCopies?: Record<string, { outputPath: string | boolean }>;
  addTemplate(virtualPath: string, content: unknown, data?: Record<string, unknown>): void;
  addGlobalData(name: string, data: unknown): void;
  addPassthroughCopy(source: string | Record<string, string>): void;
  addWatchTarget(target: string, options?: { resetConfig?: boolean }): void;
  setLibrary(extension: string, library: unknown): void;
  addFilter(name: string, fn: (...args: never[]) => unknown): void;
  addShortcode(name: string, fn: (...args: never[]) => unknown): void;
  addTransform(name: string, fn: (this: { page?: { outputPath?: unknown } }, content: unknown) => unknown): void;
  addPlugin(plugin: unknown, options?: unknown): void;
  on(event: string, handler: (...args: never[]) => unknown): void;
  versionCheck?(range: string): void;
  /** Eleventy's console logger (quiet with `--quiet`). */
  logger?: { logWithOptions(options: { message: string; type?: "log" | "warn" | "error"; prefix?: string; force?: boolean }): void };
}

/**
 * A virtual JavaScript template as the plugin gives it to Eleventy. Eleventy keeps the object
 * as the page's `rawInput` and adds the page's data to it (`page`, whose `rawInput` is the
 * object again), so `--to=json` and `--to=ndjson`, which print `rawInput`, failed on a circular
 * structure: the object is written as nothing.
 */
export function virtualTemplate<T extends { render: unknown }>(template: T): T & { toJSON(): undefined } {
  return { ...template, toJSON: () => undefined };
}
