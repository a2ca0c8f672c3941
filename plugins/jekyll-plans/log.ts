/**
 * The plugin's messages through Eleventy's own logger, prefixed `[jekyll-plans]`:
 * what it reports about the build is quiet with `--quiet`; problems in the input
 * (warnings and errors, with file and line) are always printed, as a compiler's are.
 */
import { formatDiagnostic, type Diagnostic } from "./diagnostics.ts";

interface EleventyLogger {
  logWithOptions(options: { message: string; type?: "log" | "warn" | "error"; prefix?: string; force?: boolean }): void;
}

export interface Log {
  info(message: string): void;
  problem(d: Diagnostic): void;
}

const PREFIX = "[jekyll-plans]";

export function createLog(logger: EleventyLogger | undefined): Log {
  if (!logger) {
    return {
      info: (message) => console.log(`${PREFIX} ${message}`),
      problem: (d) => (d.severity === "error" ? console.error : console.warn)(formatDiagnostic(d)),
    };
  }
  return {
    info: (message) => logger.logWithOptions({ message, prefix: PREFIX }),
    problem: (d) =>
      logger.logWithOptions({
        message: formatDiagnostic(d).slice(PREFIX.length + 1),
        type: d.severity === "error" ? "error" : "warn",
        prefix: PREFIX,
        force: true,
      }),
  };
}
