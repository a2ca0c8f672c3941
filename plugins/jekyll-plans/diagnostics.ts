/**
 * Problems found in the input. Errors stop the build (non-zero exit); warnings
 * are printed and the build goes on. Every message names the file, and the line
 * when it is known.
 */
export type Severity = "error" | "warning";

export interface Diagnostic {
  severity: Severity;
  /** Path of the source file as the user knows it. */
  file: string;
  /** 1-based line, when known. */
  line?: number;
  message: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  return `[jekyll-plans] ${d.severity}: ${d.file}${d.line ? `:${d.line}` : ""}: ${d.message}`;
}

/** Collects diagnostics while the posts are read, so one build reports them all. */
export class Diagnostics {
  readonly items: Diagnostic[] = [];

  error(file: string, message: string, line?: number): void {
    this.items.push({ severity: "error", file, message, ...(line ? { line } : {}) });
  }

  warn(file: string, message: string, line?: number): void {
    this.items.push({ severity: "warning", file, message, ...(line ? { line } : {}) });
  }

  get errors(): Diagnostic[] {
    return this.items.filter((d) => d.severity === "error");
  }

  get warnings(): Diagnostic[] {
    return this.items.filter((d) => d.severity === "warning");
  }
}

/** Thrown when the input has errors; its message lists every one of them. */
export class InputError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(`${diagnostics.length} error${diagnostics.length === 1 ? "" : "s"} in the site's sources:\n` + diagnostics.map(formatDiagnostic).join("\n"));
    this.name = "InputError";
    // A problem in the posts, not in the program: the files and lines above are what
    // helps, a stack trace of the plugin would not.
    this.stack = `${this.name}: fix the file${diagnostics.length === 1 ? "" : "s"} named above`;
  }
}
