// renderReport: one self-contained HTML page, opened in a real headless Chromium (Debian's chromium
// driven by playwright-core): no console errors, no network request, the charts render as non-empty
// SVG, and a screenshot is saved to test-artifacts/report.png.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { describe, expect, test } from "vitest";
import { cesMetric, csatMetric, definePortfolio, evaluatePortfolio, mergePortfolioSummaries, npsMetric, summarizePortfolio } from "../../src/index";
import { renderReport } from "../../src/node/index";
import { loadVega } from "../../src/node/report";
import { rejection } from "../helpers/tables";
import { vi } from "vitest";

// This file loads Vega and may start headless Chromium: explicit, generous timeouts for every test
// and hook (vitest's default of 5 s is not enough on a loaded 2-core CI machine).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const CHROMIUM = "/usr/bin/chromium";
interface Row {
  channel: string;
  d: string;
  nps: number;
  csat: number;
  ces: number;
}
let seed = 4;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
const rows: Row[] = Array.from({ length: 900 }, (_, i) => ({ channel: ["web", "app", "<phone>"][i % 3]!, d: `2024-0${1 + Math.floor(i / 150)}-1${i % 9}`, nps: Math.floor(rand() * 11), csat: 1 + Math.floor(rand() * 5), ces: 1 + Math.floor(rand() * 7) }));
const portfolio = definePortfolio({ nps: npsMetric<Row>({ score: (r) => r.nps }), csat: csatMetric<Row>({ score: (r) => r.csat }), ces: cesMetric<Row>({ score: (r) => r.ces }) });
const report = evaluatePortfolio(portfolio, rows, { segmentBy: "channel", period: "month", date: (r) => r.d, targets: { nps: { target: 10, warning: 0 }, csat: { target: 60, warning: 55 } }, composite: { weights: { nps: 1, csat: 1, ces: 1 } } });

describe("renderReport", () => {
  test("the page: title, escaped segment names, scorecard rows, alerts, one SVG per chart, no script", async () => {
    const html = await renderReport(report, { title: "CX <2024>", subtitle: "Synthetic data" });
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("<title>CX &lt;2024&gt;</title>");
    expect(html).toContain("&lt;phone&gt;");
    expect(html).not.toContain("<phone>");
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    // scorecard + one trend per metric
    expect(html.match(/<svg /g)).toHaveLength(1 + 3);
    expect(html.match(/<tr><th scope="row">/g)).toHaveLength(4);
    for (const a of report.alerts.slice(0, 20)) expect(html).toContain(a.message.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;"));
  });

  test.skipIf(!existsSync(CHROMIUM))("opens in headless Chromium without console errors or network, with the charts drawn", async () => {
    const html = await renderReport(report, { title: "CX report" });
    const dir = mkdtempSync(join(tmpdir(), "cx-report-"));
    const file = join(dir, "report.html");
    writeFileSync(file, html);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("request", (r) => {
        if (!r.url().startsWith("file:")) requests.push(r.url());
      });
      await page.goto(`file://${file}`);
      await page.waitForLoadState("load");
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      const svgs = await page.$$eval("figure svg", (els) => els.map((e) => ({ w: e.getBoundingClientRect().width, h: e.getBoundingClientRect().height, marks: e.querySelectorAll("path, rect, line, text").length })));
      expect(svgs).toHaveLength(4);
      for (const s of svgs) {
        expect(s.w).toBeGreaterThan(100);
        expect(s.h).toBeGreaterThan(50);
        expect(s.marks).toBeGreaterThan(10);
      }
      const artifacts = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));
      mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: join(artifacts, "report.png"), fullPage: true });
      expect(existsSync(join(artifacts, "report.png"))).toBe(true);
    } finally {
      await browser.close();
    }
  }, 60_000);

  test("bad input, and a clear error without Vega", async () => {
    expect((await rejection(renderReport({} as never))).code).toBe("INVALID_INPUT");
    expect((await rejection(renderReport(report, { segmentBy: "region" }))).code).toBe("INVALID_OPTION");
    expect((await rejection(renderReport(report, { trends: ["churn"] }))).code).toBe("INVALID_OPTION");
    const e = await rejection(loadVega("renderReport", () => Promise.reject(Object.assign(new Error("no vega"), { code: "ERR_MODULE_NOT_FOUND" }))));
    expect(e.code).toBe("MISSING_DEPENDENCY");
    expect(e.message).toContain("npm install vega vega-lite");
  });
});

describe("the last period when the data end before it does", () => {
  // answers from 10 January to 14 March (UTC): March is not covered to its end
  const p = definePortfolio({ nps: npsMetric<{ s: number; d: string }>({ score: (r) => r.s }) });
  const answers = Object.freeze([
    ...Array.from({ length: 40 }, (_, i) => ({ s: i % 11, d: `2024-01-${10 + (i % 20)}` })),
    ...Array.from({ length: 40 }, (_, i) => ({ s: (i * 3) % 11, d: `2024-02-${10 + (i % 19)}` })),
    ...Array.from({ length: 10 }, (_, i) => ({ s: 0, d: `2024-03-${String(5 + i).padStart(2, "0")}T${i === 9 ? "23:59:59Z" : "08:00:00Z"}` })),
  ]);
  const options = { period: "month" as const, date: (r: { d: string }) => r.d, targets: { nps: { target: 50 } } };

  test("the report states the data's first and last instants, marks March partial and heads with February", () => {
    const r = evaluatePortfolio(p, answers, options);
    expect(r.data).toEqual({ first: "2024-01-10T00:00:00.000Z", last: "2024-03-14T23:59:59.000Z" });
    expect(r.cells.filter((c) => c.partial).map((c) => c.period)).toEqual(["2024-03-01"]);
    expect(r.headline).toBe("2024-02-01");
    expect(new Set(r.alerts.map((a) => a.period))).toEqual(new Set(["2024-02-01"]));
  });

  test("data that end on the period's last day make it complete; now moves the cut; headline: last asks for the last", () => {
    const full = evaluatePortfolio(p, [...answers, { s: 9, d: "2024-03-31" }], options);
    expect(full.cells.some((c) => c.partial)).toBe(false);
    expect(full.headline).toBe("2024-03-01");
    const cut = evaluatePortfolio(p, answers, { ...options, now: "2024-04-01T00:00:00Z" });
    expect(cut.cells.some((c) => c.partial)).toBe(false);
    expect(cut.headline).toBe("2024-03-01");
    const early = evaluatePortfolio(p, answers, { ...options, now: "2024-02-20" });
    expect([...new Set(early.cells.filter((c) => c.partial).map((c) => c.period))]).toEqual(["2024-02-01", "2024-03-01"]);
    expect(early.headline).toBe("2024-01-01");
    const last = evaluatePortfolio(p, answers, { ...options, headline: "last" });
    expect(last.headline).toBe("2024-03-01");
    expect(last.alerts.every((a) => a.period === "2024-03-01")).toBe(true);
    // one partial period only: it is the headline (nothing is complete)
    expect(evaluatePortfolio(p, answers.slice(80), options).headline).toBe("2024-03-01");
    expect(() => evaluatePortfolio(p, answers, { ...options, headline: "first" as never })).toThrow(/headline/);
  });

  test("the dates survive merging summaries, in any split", () => {
    const { targets: _targets, ...summaryOptions } = options;
    const whole = summarizePortfolio(p, answers, summaryOptions);
    const merged = mergePortfolioSummaries(p, summarizePortfolio(p, answers.slice(60), summaryOptions), summarizePortfolio(p, [], summaryOptions), summarizePortfolio(p, answers.slice(0, 60), summaryOptions));
    expect(merged.dates).toEqual(whole.dates);
    expect(whole.dates).toEqual({ first: Date.UTC(2024, 0, 10), last: Date.UTC(2024, 2, 14, 23, 59, 59) });
  });

  test("the page says the last period is partial and shows February", async () => {
    const html = await renderReport(evaluatePortfolio(p, answers, options));
    expect(html).toContain("Period starting 2024-02-01 (data from 2024-01-10T00:00:00.000Z to 2024-03-14T23:59:59.000Z)");
    expect(html).toContain("The last period, starting 2024-03-01, is partial (the data end at 2024-03-14T23:59:59.000Z): it is in the charts but not the headline.");
    const last = await renderReport(evaluatePortfolio(p, answers, { ...options, headline: "last" }));
    expect(last).toContain("Period starting 2024-03-01 (partial)");
  }, 60_000);

  test("cx-metrics report --now sets the cut", () => {
    const cli = fileURLToPath(new URL("../../dist/node/cli.js", import.meta.url));
    const dir = mkdtempSync(join(tmpdir(), "cx-report-now-"));
    writeFileSync(join(dir, "config.json"), JSON.stringify({ metrics: { nps: { type: "nps", column: "s" } }, period: "month", date: "d" }));
    writeFileSync(join(dir, "data.csv"), `s,d\n${answers.map((a) => `${a.s},${a.d}`).join("\n")}\n`);
    const run = (...extra: string[]) => spawnSync(process.execPath, [cli, "report", join(dir, "config.json"), join(dir, "data.csv"), "-o", join(dir, "r.html"), ...extra], { encoding: "utf8" });
    const plain = run();
    expect(plain.status, plain.stderr).toBe(0);
    expect(readFileSync(join(dir, "r.html"), "utf8")).toContain("Period starting 2024-02-01");
    const now = run("--now", "2024-04-01");
    expect(now.status, now.stderr).toBe(0);
    const page = readFileSync(join(dir, "r.html"), "utf8");
    expect(page).toContain("Period starting 2024-03-01 (data from");
    expect(page).not.toContain("partial");
    expect(run("--help").stdout).toContain("--now <date>");
  }, 60_000);
});
