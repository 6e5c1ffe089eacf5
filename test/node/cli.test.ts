// The cx-metrics command-line tool, spawned as a real process (the built dist/node/cli.js; npm test
// builds first) on fixture files: output formats, help, exit codes and error messages.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { csatMetric, definePortfolio, evaluatePortfolio, npsMetric } from "../../src/index";
import { vi } from "vitest";

// This file starts the CLI as child processes (some with worker threads): explicit, generous
// timeouts for every test and hook (vitest's default of 5 s is not enough on a loaded 2-core CI
// machine).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const cli = fileURLToPath(new URL("../../dist/node/cli.js", import.meta.url));
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const dir = mkdtempSync(join(tmpdir(), "cx-cli-"));
const rows = Array.from({ length: 400 }, (_, i) => ({ score: (i * 7) % 11, csat: 1 + ((i * 3) % 5), channel: ["web", "app", "phone"][i % 3]!, date: `2024-0${1 + (i % 4)}-1${i % 10}` }));
const csv = join(dir, "answers.csv");
writeFileSync(csv, `score,csat,channel,date\n${rows.map((r) => `${r.score},${r.csat},${r.channel},${r.date}`).join("\n")}\n`);

describe("cx-metrics CLI", { timeout: 60_000 }, () => {
  test("--help and help on every command, with examples", () => {
    const main = run("--help");
    expect(main.code).toBe(0);
    expect(main.out).toContain("Usage: cx-metrics <command> [options]");
    for (const c of ["nps", "csat", "ces", "portfolio", "clv"]) {
      const h = run(c, "--help");
      expect(h.code, c).toBe(0);
      expect(h.out, c).toContain("Examples:");
    }
    expect(run("help", "nps").out).toContain("cx-metrics nps <file> --score <col>");
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    expect(run("--version").out).toBe(`cx-metrics ${pkg.version}\n`);
  });

  test("nps --format json equals evaluatePortfolio in process", () => {
    const r = run("nps", csv, "--score", "score", "--by", "channel", "--period", "month", "--date", "date", "--format", "json");
    expect(r.code).toBe(0);
    const expected = evaluatePortfolio(definePortfolio({ nps: npsMetric<(typeof rows)[number]>({ score: (x) => x.score }) }), rows, { segmentBy: "channel", period: "month", date: (x) => x.date });
    const { read, ...report } = JSON.parse(r.out);
    expect(report).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(read.rows).toBe(400);
  });

  test("an aligned table by default; CSV with --format csv", () => {
    const t = run("csat", csv, "--score", "csat", "--by", "channel");
    expect(t.code).toBe(0);
    const lines = t.out.trim().split("\n");
    expect(lines[0]).toMatch(/^channel\s+metric\s+n\s+value\s+ci_low\s+ci_high\s+status\s+change\s+p_value$/);
    expect(lines[2]).toMatch(/^\(all\)\s+csat\s+400\s+\d+\.\d\d/);
    const c = run("csat", csv, "--score", "csat", "--format", "csv");
    const expected = evaluatePortfolio(definePortfolio({ csat: csatMetric<(typeof rows)[number]>({ score: (x) => x.csat }) }), rows).cells[0]!.metrics.csat;
    expect(c.out.split("\n")[1]).toBe(`csat,400,${expected.value!.toFixed(2)},${expected.result!.ci[0].toFixed(2)},${expected.result!.ci[1].toFixed(2)},,,`);
  });

  test("--workers 2 gives the same JSON", () => {
    const a = JSON.parse(run("ces", csv, "--score", "csat", "--by", "channel", "--format", "json").out);
    const b = JSON.parse(run("ces", csv, "--score", "csat", "--by", "channel", "--format", "json", "--workers", "2").out);
    expect(b.cells).toEqual(a.cells);
  });

  test("portfolio from a JSON config, with targets", () => {
    const config = join(dir, "portfolio.json");
    writeFileSync(config, JSON.stringify({ metrics: { nps: { type: "nps", column: "score" }, csat: { type: "csat", column: "csat" } }, segmentBy: ["channel"], targets: { nps: { target: 90 } } }));
    const r = run("portfolio", config, csv, "--format", "json");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.cells[0].metrics.nps.status).toBe("off-track");
    expect(report.alerts.length).toBeGreaterThan(0);
  });

  test("a config names a weight column weights (weight, its deprecated name, still works; both is an error)", () => {
    const expected = evaluatePortfolio(definePortfolio({ nps: npsMetric<(typeof rows)[number]>({ score: (r) => r.score, weights: (r) => r.csat }) }), rows).cells[0]!.metrics.nps.value;
    const nps = (metric: Record<string, unknown>) => {
      const config = join(dir, "weighted.json");
      writeFileSync(config, JSON.stringify({ metrics: { nps: { type: "nps", column: "score", ...metric } } }));
      return run("portfolio", config, csv, "--format", "json");
    };
    for (const metric of [{ weights: "csat" }, { weight: "csat" }]) {
      const r = nps(metric);
      expect(r.code, JSON.stringify(metric)).toBe(0);
      expect(JSON.parse(r.out).cells[0].metrics.nps.value).toBeCloseTo(expected!, 10);
    }
    expect(JSON.parse(run("nps", csv, "--score", "score", "--weight", "csat", "--format", "json").out).cells[0].metrics.nps.value).toBeCloseTo(expected!, 10);
    const both = nps({ weights: "csat", weight: "csat" });
    expect(both.code).toBe(2);
    expect(both.err).toContain('expected metric "nps" to give weights or its deprecated name weight, not both');
  });

  test("clv on the CDNOW sample reproduces the published parameters", () => {
    const cdnow = fileURLToPath(new URL("../../examples/data/CDNOW_sample.txt", import.meta.url));
    const tx = readFileSync(cdnow, "utf8").trim().split("\n").map((l) => l.trim().split(/\s+/));
    const path = join(dir, "cdnow.csv");
    writeFileSync(path, `customer,date,amount\n${tx.map(([, id, d, , v]) => `${id},${d!.slice(0, 4)}-${d!.slice(4, 6)}-${d!.slice(6)},${v}`).join("\n")}\n`);
    const r = run("clv", path, "--customer", "customer", "--date", "date", "--amount", "amount", "--end", "1997-09-30", "--format", "json");
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out);
    // Fader, Hardie & Lee (2005): r 0.243, alpha 4.414, a 0.793, b 2.426; Fader & Hardie (2013): p 6.25, q 3.74, gamma 15.44
    expect(out.bgNbd.r).toBeCloseTo(0.243, 3);
    expect(out.bgNbd.alpha).toBeCloseTo(4.414, 2);
    expect(out.bgNbd.a).toBeCloseTo(0.793, 3);
    expect(out.bgNbd.b).toBeCloseTo(2.426, 2);
    expect(out.gammaGamma.p).toBeCloseTo(6.25, 2);
    expect(out.gammaGamma.gamma).toBeCloseTo(15.44, 1);
  });

  const noStack = (err: string) => expect(err).not.toMatch(/\n\s+at /);
  test.for([
    ["a missing file", ["nps", join(dir, "nope.csv"), "--score", "score"], 2, /^cx-metrics: error \[IO_ERROR\]: evaluateFile: file not found: /],
    ["a missing column", ["nps", csv, "--score", "nps"], 2, /error \[INVALID_OPTION\]: evaluateFile: the file has no column "nps" \(its columns: score, csat, channel, date\)/],
    ["a score off the scale", ["csat", csv, "--score", "score"], 2, /error \[OUT_OF_RANGE\]: evaluateFile: metric "csat", line 2: csatSummary: .* at line 2, got number 0/],
    ["no --score", ["nps", csv], 1, /nps needs --score <column>/],
    ["an unknown option", ["nps", csv, "--score", "score", "--colour"], 1, /Unknown option '--colour'/],
    ["an unknown command", ["frobnicate"], 1, /unknown command "frobnicate"/],
    ["a period without --date", ["nps", csv, "--score", "score", "--period", "month"], 1, /--period needs --date/],
    ["a bad format", ["nps", csv, "--score", "score", "--format", "xml"], 1, /--format expects table, json or csv/],
    ["a missing config", ["portfolio", join(dir, "none.json"), csv], 2, /IO_ERROR.*config file not found/],
    ["two data files", ["nps", csv, csv, "--score", "score"], 1, /nps expects one data file, got 2/],
  ] as const)("%s: its exit code and a clear message, no stack trace", ([, args, code, message]) => {
    const r = run(...args);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(message);
    noStack(r.err);
    expect(r.out).toBe("");
  });

  test("bad rows: stop at the first with its line, or skip and say how many", () => {
    const path = join(dir, "bad.csv");
    writeFileSync(path, "score,channel\n9,web\nten,web\n7,app\n1,2,3\n");
    const stop = run("nps", path, "--score", "score");
    expect(stop.code).toBe(2);
    expect(stop.err).toMatch(/line 3: column "score": expected a number, got the string "ten"/);
    const skip = run("nps", path, "--score", "score", "--skip-bad-rows");
    expect(skip.code).toBe(0);
    expect(skip.err).toBe('cx-metrics: skipped 2 bad rows of 4: 1 column "score": not a number (line 3), 1 field count (line 5)\n');
    expect(skip.out).toMatch(/nps\s+2\s/);
  });
});

describe("cx-metrics report", { timeout: 60_000 }, () => {
  test("writes one self-contained HTML page", () => {
    const config = join(dir, "report.json");
    writeFileSync(config, JSON.stringify({ metrics: { nps: { type: "nps", column: "score" } }, segmentBy: ["channel"], period: "month", date: "date", title: "Test report" }));
    const out = join(dir, "report.html");
    const r = run("report", config, csv, "-o", out);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`wrote ${out}`);
    const html = readFileSync(out, "utf8");
    expect(html).toContain("<title>Test report</title>");
    expect(html.match(/<svg /g)).toHaveLength(2);
  });
});
