// renderReport: one self-contained HTML page, opened in a real headless Chromium (Debian's chromium
// driven by playwright-core): no console errors, no network request, the charts render as non-empty
// SVG, and a screenshot is saved to test-artifacts/report.png.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { describe, expect, test } from "vitest";
import { cesMetric, csatMetric, definePortfolio, evaluatePortfolio, npsMetric } from "../../src/index";
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
