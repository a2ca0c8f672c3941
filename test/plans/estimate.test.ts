import { describe, expect, it } from "vitest";
import { estimateDays, unreadableEstimate } from "../../plugins/jekyll-plans/plans/estimate.ts";
import { monthOfHeading, monthRange } from "../../plugins/jekyll-plans/plans/month.ts";

describe("estimates", () => {
  it.each([
    ["libco http 功能。 - 2 天。", 2],
    ["libco 测试 codis。（从 codis 去了解 zookeeper 的通信逻辑。）（7 天）", 7],
    ["将 socket buffer 层修改为 sds (3 天)", 3],
    ["写文章 2天", 2],
    ["统计空闲连接 - 0.5 天", 0.5],
    ["重构 - 两天", 2],
    ["小修改（半天）", 0.5],
    ["write the docs (3 days)", 3],
    ["write the docs 1 day", 1],
    ["fix the build 2d", 2],
    ["review 4h", 0.5],
    ["review 3 小时", 0.375],
  ])("%s → %s days", (text, days) => {
    expect(estimateDays(text)).toBe(days);
  });

  it("takes the largest of several, never the sum", () => {
    expect(estimateDays("libco 节点转发效率。（7 天，锁，参考 redis 多线程。） - 7 天。")).toBe(7);
    expect(estimateDays("a - 2 天 (16h)")).toBe(2);
    expect(estimateDays("a 1 天 then 3 天")).toBe(3);
  });

  it("uses the configured hours per day", () => {
    expect(estimateDays("review 4h", 4)).toBe(1);
  });

  it.each([
    ["写文档 - 2-3 天", 3],
    ["写文档（2~3天）", 3],
    ["写文档 2 到 3 天", 3],
    ["write docs 2–3 days", 3],
    ["写文档 - １２天", 12],
    ["写文档（３天）", 3],
    ["写文档 - 1,5 天", 1.5],
    ["写文档 - 1.5 天", 1.5],
    ["重写 - 2 周", 10],
    ["重写 - 1 个星期", 5],
    ["rewrite it 2 weeks", 10],
    ["迁移 - 3 个月", 60],
    ["migrate 1 month", 20],
  ])("%s → %s days (ranges: the upper bound; a week 5 days, a month 20)", (text, days) => {
    expect(estimateDays(text)).toBe(days);
  });

  it("converts weeks and months with the configured days", () => {
    expect(estimateDays("重写 - 2 周", { daysPerWeek: 7 })).toBe(14);
    expect(estimateDays("迁移 - 1 个月", { daysPerMonth: 22 })).toBe(22);
  });

  it.each([
    "每天到自习室。",
    "每 2 天检查一次",
    "2021-07-31 天气好",
    "读《UNIX 网络编程卷 1》",
    "单进程 mysql 并发 1w 左右",
    "阿里云，2核2G",
    "第一天就完成",
    "第 2 天再看",
    "3月完成",
    "周末整理",
    "1,500 天前的事",
  ])("finds none in %s", (text) => {
    expect(estimateDays(text)).toBeNull();
  });

  it("flags estimates it cannot read", () => {
    expect(unreadableEstimate("写文档 - 几天")).toBe("- 几天");
    expect(unreadableEstimate("写文档（TBD 天）")).toBe("（TBD 天）");
    expect(unreadableEstimate("写文档 - 2 天")).toBeNull();
    expect(unreadableEstimate("每天到自习室")).toBeNull();
    expect(unreadableEstimate("重写 - 几周")).toBe("- 几周");
    expect(unreadableEstimate("写文档 - 2-3 天")).toBeNull();
  });
});

describe("months in headings", () => {
  it.each([
    ["5.1.1. 2021-07", "2021-07"],
    ["2021.07", "2021-07"],
    ["2021/7 回顾", "2021-07"],
    ["2021年7月", "2021-07"],
    ["3.1. 2020-12", "2020-12"],
    ["2021-07-31 周报", "2021-07"],
    ["1000.1. 2021-04", "2021-04"],
    ["2021.1. 2021-04", "2021-04"],
  ])("%s → %s", (text, month) => {
    expect(monthOfHeading(text)).toEqual({ month });
  });

  it.each(["5.1.1. done", "1. 当前工作", "2.6. slaves <--> new master", "5.1. slave (127.0.0.1:6379)"])("%s names no month", (text) => {
    expect(monthOfHeading(text)).toBeNull();
  });

  it("reports impossible months", () => {
    expect(monthOfHeading("2021-13")).toEqual({ invalid: "2021-13" });
    expect(monthOfHeading("2021年0月")).toEqual({ invalid: "2021年0月" });
  });

  it("ranges months across years", () => {
    expect(monthRange("2020-11", "2021-02")).toEqual(["2020-11", "2020-12", "2021-01", "2021-02"]);
  });
});
