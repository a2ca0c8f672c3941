/**
 * Heading ids exactly as kramdown's GFM parser generates them (`auto_ids: true`).
 *
 * kramdown lowercases the header text, deletes every character outside
 * `[\p{Word}\- \t]` (Onigmo's \p{Word}: alphabetic, marks, decimal digits,
 * connector punctuation, join controls) and turns each space or tab into `-`,
 * without collapsing or trimming. Typography has already run on the text, so
 * `--` and `---` became dashes that the deletion removes; code spans keep theirs.
 */
const NON_WORD = /[^\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}\- \t]/gu;

/** The id kramdown derives from a heading's text (before duplicate numbering). */
export function gfmHeadingId(text: string): string {
  return text.toLowerCase().replace(NON_WORD, "").replace(/[ \t]/g, "-");
}

/** kramdown's typographic dashes, which the id rule then deletes. */
export function stripTypographicDashes(text: string): string {
  return text.replace(/-{2,3}/g, "");
}

/**
 * Hands out unique ids the way kramdown does: the n-th reuse of a base id gets
 * `-n`; the counter is per base id and does not check for collisions with ids
 * that merely look numbered (`foo`, `foo-1`, `foo` → `foo`, `foo-1`, `foo-1`).
 */
export class IdCounter {
  readonly #used = new Map<string, number>();

  next(base: string): string {
    const seen = this.#used.get(base);
    if (seen === undefined) {
      this.#used.set(base, 0);
      return base;
    }
    this.#used.set(base, seen + 1);
    return `${base}-${seen + 1}`;
  }
}
