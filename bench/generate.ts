/**
 * Synthetic Jekyll posts shaped like the blog's: front matter, Chinese paragraphs,
 * numbered headings, fenced code in several languages, images with IALs, task
 * lists with estimates and dated "done" sections; about one post in ten is a plan.
 * Deterministic from a seed.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/** mulberry32: a small, fast, seedable PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  "协程 调度 内核 网络 连接池 惊群 进程 线程 内存 分配 缓存 数据库 索引 主从 同步 日志 压测 并发 锁 队列 哨兵 集群 分布式 一致性 哈希 定时器 信号 套接字 缓冲区 回调 事件 循环 源码 调试 编译 链接 模板 虚函数 智能指针 移动语义".split(
    " ",
  );
const LATIN = "epoll redis mysql libco kafka zookeeper nginx tcp gdb valgrind cmake golang socket accept".split(" ");
const CATEGORIES = ["c/c++", "redis", "system", "tool", "algorithm", "database", "随笔", "network", "kernel"];
const TAGS = ["epoll", "redis", "mysql", "libco", "kernel", "tcp", "stl", "golang", "协程", "内存", "性能", "gdb"];
const CODE: Record<string, string> = {
  cpp: "#include <iostream>\n\ntemplate <typename T>\nclass pool {\n public:\n    T* get() { return items_.empty() ? new T{} : pop(); }\n private:\n    std::vector<T*> items_;  // {{ not a template }}\n};\n",
  shell: "# 查看监听队列\nss -lnt | grep 6379\nfor i in $(seq 1 10); do\n  redis-cli -p 6379 ping\ndone\n",
  c: "#include <sys/epoll.h>\n\nint main(void) {\n    int efd = epoll_create1(0);\n    struct epoll_event ev = {.events = EPOLLIN | EPOLLEXCLUSIVE};\n    return efd < 0;\n}\n",
  go: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tch := make(chan int, 8)\n\tgo func() { ch <- 1 }()\n\tfmt.Println(<-ch)\n}\n',
  sql: "SELECT id, name FROM users WHERE id > 100 ORDER BY id LIMIT 20;\nEXPLAIN SELECT * FROM orders WHERE user_id = 7;\n",
  json: '{\n  "port": 6379,\n  "workers": 4,\n  "log": { "level": "info" }\n}\n',
};

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

function sentence(r: () => number): string {
  const n = 8 + Math.floor(r() * 14);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(r() < 0.2 ? ` ${pick(r, LATIN)} ` : pick(r, WORDS));
  return `${parts.join("").trim()}。`;
}

function paragraph(r: () => number): string {
  const n = 2 + Math.floor(r() * 4);
  return Array.from({ length: n }, () => sentence(r)).join("");
}

function task(r: () => number, done: boolean): string {
  const est = r() < 0.3 ? pick(r, [" - 2 天", "（3 天）", " (0.5 天)", " 4h", " - 1 day"]) : "";
  const note = r() < 0.3 ? `（${sentence(r)}）` : "";
  return `* [${done ? "x" : " "}] ${sentence(r)}${note}${est}`;
}

function planBody(r: () => number, year: number): string {
  const out: string[] = ["* content", "{:toc}", "", "---", "", "## 1. 当前工作", ""];
  for (let i = 0; i < 12; i++) out.push(task(r, false));
  out.push("", "### 1.1. 协程", "");
  for (let i = 0; i < 6; i++) out.push(task(r, r() < 0.2));
  out.push("", "## 2. done", "");
  for (let m = 6; m >= 1; m--) {
    out.push(`### 2.${7 - m}. ${year}-${String(m).padStart(2, "0")}`, "");
    const n = 2 + Math.floor(r() * 8);
    for (let i = 0; i < n; i++) out.push(task(r, true));
    out.push("", "---", "");
  }
  return out.join("\n");
}

function articleBody(r: () => number, slug: string): string {
  const out: string[] = [paragraph(r), "", "", "", "", "* content", "{:toc}", "", "---", ""];
  const sections = 3 + Math.floor(r() * 4);
  for (let s = 1; s <= sections; s++) {
    out.push(`## ${s}. ${pick(r, WORDS)}${pick(r, WORDS)} ${pick(r, LATIN)}`, "", paragraph(r), "");
    if (r() < 0.8) {
      const lang = pick(r, Object.keys(CODE));
      out.push(`\`\`\`${lang}`, CODE[lang]!.trimEnd(), "```", "");
    }
    if (r() < 0.5) out.push(`![${pick(r, WORDS)}](/images/${slug}-${s}.png){: data-action="zoom"}`, "");
    if (r() < 0.5) {
      out.push(`### ${s}.1. ${pick(r, WORDS)}`, "", paragraph(r), "");
    }
    out.push("---", "");
  }
  return out.join("\n");
}

/** Writes `count` posts into `dir/_posts/YYYY/…`; returns the `_posts` folder. */
export function generateCorpus(dir: string, count: number, seed = 20201123): string {
  const r = rng(seed);
  const postsDir = path.join(dir, "_posts");
  const start = Date.UTC(2016, 0, 1);
  for (let i = 0; i < count; i++) {
    const date = new Date(start + Math.floor((i * 3600 * 24 * 1000 * 3000) / count) + Math.floor(r() * 86_400_000));
    const y = date.getUTCFullYear();
    const ymd = date.toISOString().slice(0, 10);
    const isPlan = i % 10 === 7;
    const slug = isPlan ? `plan-${i}` : `post-${i}`;
    const cats = Array.from(new Set([pick(r, CATEGORIES), ...(r() < 0.2 ? [pick(r, CATEGORIES)] : [])]));
    const tags = Array.from(new Set([pick(r, TAGS), pick(r, TAGS)]));
    const title = isPlan ? `工作计划 ${i}` : `[${pick(r, LATIN)}] ${pick(r, WORDS)}${pick(r, WORDS)}的${pick(r, WORDS)}`;
    const fm = `---\nlayout: post\ntitle:  "${title}"\ncategories: ${cats.join(" ")}\ntags: ${tags.join(" ")}\nauthor: bench\n---\n\n`;
    const body = isPlan ? `${paragraph(r)}\n\n\n\n${planBody(r, y)}` : articleBody(r, slug);
    mkdirSync(path.join(postsDir, String(y)), { recursive: true });
    writeFileSync(path.join(postsDir, String(y), `${ymd}-${slug}.md`), fm + body);
  }
  return postsDir;
}

/** One plan post with `tasks` tasks and one post with `headings` headings (large-input checks). */
export function generateLarge(dir: string, tasks: number, headings: number, seed = 7): string {
  const r = rng(seed);
  const postsDir = path.join(dir, "_posts");
  mkdirSync(path.join(postsDir, "2021"), { recursive: true });
  const plan: string[] = ["---", "layout: post", "title: 大计划", "---", "", "* content", "{:toc}", ""];
  for (let i = 0; i < tasks; i++) {
    if (i % 50 === 0)
      plan.push("", `## ${i / 50 + 1}. 第 ${i / 50 + 1} 部分`, "", `### ${i / 50 + 1}.1. 2021-${String(((i / 50) % 12) + 1).padStart(2, "0")}`, "");
    plan.push(task(r, r() < 0.5));
  }
  writeFileSync(path.join(postsDir, "2021", "2021-01-01-big-plan.md"), plan.join("\n"));
  const long: string[] = ["---", "layout: post", "title: 很长的文章", "---", "", "* content", "{:toc}", ""];
  for (let i = 0; i < headings; i++) long.push(`${"#".repeat(2 + (i % 3))} ${i + 1}. ${pick(r, WORDS)}`, "", sentence(r), "");
  writeFileSync(path.join(postsDir, "2021", "2021-01-02-long.md"), long.join("\n"));
  return postsDir;
}

/**
 * One post of raw HTML nested `depth` deep, without end tags (`<div>` lines), then a line of
 * text: hostile input whose cost must grow linearly with its depth.
 */
export function generateNested(dir: string, depth: number): string {
  const postsDir = path.join(dir, "_posts");
  mkdirSync(path.join(postsDir, "2021"), { recursive: true });
  writeFileSync(path.join(postsDir, "2021", "2021-01-03-nested.md"), `---\ntitle: 嵌套\n---\n\n${"<div>\n".repeat(depth)}文字\n`);
  return postsDir;
}
