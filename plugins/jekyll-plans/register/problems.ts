/** Glue: the model's problems, printed; a build stops on errors, the preview shows them. */
import { InputError, type Diagnostic, type Diagnostics } from "../diagnostics.ts";
import type { EleventyConfig } from "../eleventy.ts";
import type { Log } from "../log.ts";
import { addErrorBanner, isPreview } from "../watch.ts";

/**
 * Prints the warnings. A build stops on errors (the error names each file and line). The
 * preview goes on without what is broken, and shows the errors on every page until they are
 * fixed (the author is looking at the browser). Returns the errors.
 */
export function reportProblems(eleventyConfig: EleventyConfig, diagnostics: Diagnostics, log: Log): readonly Diagnostic[] {
  for (const w of diagnostics.warnings) log.problem(w);
  const errors = diagnostics.errors;
  if (errors.length > 0 && !isPreview()) throw new InputError(errors);
  for (const e of errors) log.problem(e);
  if (errors.length > 0) addErrorBanner(eleventyConfig, errors);
  return errors;
}
