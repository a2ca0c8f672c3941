// Task anchors hash the task's UTF-8 bytes: the same text always gives the same anchor.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { textHash } from "../../plugins/jekyll-plans/markdown/tasks.ts";

function reference(text: string): string {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, "0");
}

describe("task anchors", () => {
  it("are FNV-1a of the UTF-8 bytes, for any text (Chinese, emoji, lone surrogates)", () => {
    for (const s of ["读 epoll 源码", "😀 task", "\ud800 lone", "a\udc00b", ""]) expect(textHash(s)).toBe(reference(s));
    fc.assert(fc.property(fc.string({ unit: "binary" }), (s) => textHash(s) === reference(s)));
  });
});
