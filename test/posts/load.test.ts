// Reading a post's bytes: UTF-8 only, as Jekyll expects, and as a UTF-8 decoder reads it.
import { mkdtempSync, truncateSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSource, SourceError } from "../../plugins/jekyll-plans/posts/load.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "jp-load-"));
const file = (name: string, bytes: Buffer | string) => (writeFileSync(path.join(dir, name), bytes), name);

describe("a post's text", () => {
  it("is refused past 64 MB, with its size, before it is read", () => {
    // Sparse: 700 MB on disk would cost nothing, and read whole it could not be a string.
    const name = file("huge.md", "---\ntitle: huge\n---\n");
    truncateSync(path.join(dir, name), 700 * 1024 * 1024);
    expect(() => readSource(dir, name)).toThrow(new SourceError("the file is 700 MB; a post or page is read up to 64 MB"));
    truncateSync(path.join(dir, name), 64 * 1024 * 1024);
    expect(readSource(dir, name)).toHaveLength(64 * 1024 * 1024);
  });

  it("is its UTF-8 text, without a byte order mark, Chinese and emoji intact", () => {
    expect(readSource(dir, file("a.md", "\uFEFF---\ntitle: 计划 😀\n---\n"))).toBe("---\ntitle: 计划 😀\n---\n");
    expect(readSource(dir, file("b.md", "无 BOM\n"))).toBe("无 BOM\n");
    // Only a leading mark is one: a U+FEFF later in the text stays.
    expect(readSource(dir, file("c.md", "a\uFEFFb"))).toBe("a\uFEFFb");
  });

  it("is refused when it is not UTF-8, naming the encoding it looks like", () => {
    const gbk = Buffer.from([0xbc, 0xc6, 0xbb, 0xae, 0x0a]); // 计划 in GBK
    expect(() => readSource(dir, file("gbk.md", gbk))).toThrow(SourceError);
    expect(() => readSource(dir, file("gbk2.md", gbk))).toThrow(/not UTF-8 \(it looks like GBK\/GB18030\)/);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("---\n", "utf16le")]);
    expect(() => readSource(dir, file("u16.md", utf16))).toThrow(/UTF-16LE/);
    // A lone surrogate's bytes (CESU) are not UTF-8 either.
    expect(() => readSource(dir, file("cesu.md", Buffer.from([0xed, 0xa0, 0x80])))).toThrow(SourceError);
  });
});
