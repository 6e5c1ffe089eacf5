// The bad-file and bad-argument table of the cx-metrics command line (issue 13), spawned as a real
// process (the built dist/node/cli.js; npm test builds first): exit code 1 for every bad argument,
// 2 for bad data and for files that cannot be read or written, never a stack trace; stdin, --where,
// -o, --skip-bad-rows with its counts, CSV cells safe for spreadsheets.
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { definePortfolio, evaluatePortfolio, npsMetric } from "../../src/index";
import { csvCell, csvText, table } from "../../src/node/cli-io";

const cli = fileURLToPath(new URL("../../dist/node/cli.js", import.meta.url));
const run = (args: string[], options: { input?: string; stdout?: number } = {}) => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", input: options.input, stdio: [options.input === undefined ? "ignore" : "pipe", options.stdout ?? "pipe", "pipe"] });
  return { code: r.status, out: r.stdout ?? "", err: r.stderr };
};
const dir = mkdtempSync(join(tmpdir(), "cx-cli-bad-"));
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const noStack = (err: string) => expect(err).not.toMatch(/\n\s+at |unexpected error/);
const csv = file("answers.csv", `score,channel\n${Array.from({ length: 60 }, (_, i) => `${i % 11},${["web", "app"][i % 2]}`).join("\n")}\n`);

describe("cx-metrics: bad arguments exit 1 and speak in flags", { timeout: 60_000 }, () => {
  test.for([
    [["--period", "monthly", "--date", "channel"], /--period expects day, week, month, quarter or year, got "monthly"/],
    [["--tz", "Mars/Phobos"], /--tz expects an IANA time zone such as UTC or Europe\/Paris, got "Mars\/Phobos"/],
    [["--confidence", "95"], /--confidence expects a level between 0 and 1 \(e\.g\. 0\.95\), got "95"/],
    [["--encoding", "ebcdic"], /--encoding expects utf8, utf16le or latin1, got "ebcdic"/],
    [["--input-format", "xml"], /--input-format expects csv, ndjson or json, got "xml"/],
    [["--max-record-size", "lots"], /--max-record-size expects a number of characters from 1 to 512M \(e\.g\. 64M\), got "lots"/],
    [["--where", "channel"], /--where expects column=value, got "channel"/],
    [["--workers", "0"], /--workers expects a whole number from 1 to 256, got "0"/],
    [["--method", "bayes"], /--method expects adjusted-wald, wald or tango, got "bayes"/],
    [["--delimiter", ";;"], /--delimiter expects one character/],
  ] as const)("nps %s", ([args, message]) => {
    const r = run(["nps", csv, "--score", "score", ...args]);
    expect(r.code, r.err).toBe(1);
    expect(r.err).toMatch(message);
    noStack(r.err);
    expect(r.out).toBe("");
  });

  test("clv checks its flags before reading", () => {
    for (const [args, message] of [
      [["--unit", "year"], /--unit expects day, week or month, got "year"/],
      [["--end", "last week"], /--end expects a date YYYY-MM-DD/],
      [["--format", "xml"], /--format expects table, json or csv/],
    ] as const) {
      const r = run(["clv", csv, "--customer", "channel", "--date", "channel", "--amount", "score", ...args]);
      expect(r.code, r.err).toBe(1);
      expect(r.err).toMatch(message);
    }
  });

  test("a library message names the flag: undecodable text asks for --encoding latin1", () => {
    const r = run(["nps", file("latin1.csv", Buffer.from("score,name\n9,Jos\xe9\n", "latin1")), "--score", "score"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/error \[INVALID_INPUT\]: .*give the file's encoding \(e\.g\. --encoding latin1\)$/m);
  });
});

describe("cx-metrics: files that cannot be read or written are IO_ERROR, exit 2", { timeout: 60_000 }, () => {
  test.for([
    ["a missing data file", ["nps", join(dir, "none.csv"), "--score", "score"], /error \[IO_ERROR\]: evaluateFile: file not found: /],
    ["a directory as data", ["nps", dir, "--score", "score"], /error \[IO_ERROR\]: evaluateFile: expected a file, got the directory /],
    ["-o into a missing folder", ["nps", csv, "--score", "score", "-o", join(dir, "no", "such", "out.csv")], /error \[IO_ERROR\]: cannot write .*out\.csv: the folder .*such does not exist/],
    ["-o onto a folder", ["nps", csv, "--score", "score", "-o", dir], /error \[IO_ERROR\]: cannot write .*: it is a folder/],
    ["-o /dev/full (a full disk)", ["nps", csv, "--score", "score", "-o", "/dev/full"], /error \[IO_ERROR\]: cannot write \/dev\/full: no space left on the device \(ENOSPC\)/],
    ["report -o into a missing folder", ["report", file("r.json", '{"metrics":{"nps":{"type":"nps","column":"score"}}}'), csv, "-o", join(dir, "none", "r.html")], /error \[IO_ERROR\]: cannot write .*r\.html: the folder/],
  ] as const)("%s", ([, args, message]) => {
    const r = run([...args]);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toMatch(message);
    noStack(r.err);
  });

  test("standard output on a full disk is IO_ERROR, not an unhandled error event", () => {
    const fd = openSync("/dev/full", "w");
    try {
      const r = run(["nps", csv, "--score", "score"], { stdout: fd });
      expect(r.code, r.err).toBe(2);
      expect(r.err).toMatch(/error \[IO_ERROR\]: cannot write the standard output: no space left on the device \(ENOSPC\)/);
      noStack(r.err);
    } finally {
      closeSync(fd);
    }
  });

  test("-o writes the result for every command and says so", () => {
    const out = join(dir, "nps.json");
    const r = run(["nps", csv, "--score", "score", "--format", "json", "-o", out]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe("");
    expect(r.err).toBe(`cx-metrics: wrote ${out}\n`);
    expect(JSON.parse(readFileSync(out, "utf8")).read.rows).toBe(60);
  });

  // One far-off date would make the report lay out every day up to it: a typed error that names the
  // line of the far date and the flag that raises the limit.
  test("a far-future date ends as TOO_MANY_PERIODS naming its line and --max-periods, not minutes of periods", () => {
    const r = run(["nps", file("far.csv", "score,date\n9,2024-01-01\n3,6999-12-31\n"), "--score", "score", "--period", "day", "--date", "date"]);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toMatch(/error \[TOO_MANY_PERIODS\]/);
    expect(r.err).toMatch(/the date of line 3 \(6999-12-31\) lies apart/);
    expect(r.err).toMatch(/raise --max-periods/);
    expect(r.err).not.toMatch(/maxPeriods/);
    noStack(r.err);
    const yearly = run(["nps", file("far-years.csv", "score,date\n9,2024-01-01\n3,6999-12-31\n"), "--score", "score", "--period", "year", "--date", "date", "--max-periods", "5000"]);
    expect(yearly.code, yearly.err).toBe(0);
    expect(run(["nps", file("far-bad.csv", "score\n9\n"), "--score", "score", "--max-periods", "0"]).code).toBe(1);
  });
});

describe("cx-metrics: stdin, --where and --skip-bad-rows", { timeout: 60_000 }, () => {
  test('"-" reads standard input', () => {
    const r = run(["nps", "-", "--score", "score", "--format", "json"], { input: readFileSync(csv, "utf8") });
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).cells[0].metrics.nps.n).toBe(60);
    expect(run(["nps", "-", "--score", "score", "--workers", "2"], { input: "score\n9\n" }).code).toBe(1);
  });

  test("--where keeps one survey of a long-format file (values of a column are OR, columns AND)", () => {
    const rows = Array.from({ length: 90 }, (_, i) => ({ survey: ["nps", "csat", "NPS"][i % 3]!, wave: String(1 + (i % 2)), score: i % 3 === 1 ? 1 + (i % 5) : i % 11 }));
    const path = file("long.csv", `survey,wave,score\n${rows.map((r) => `${r.survey},${r.wave},${r.score}`).join("\n")}\n`);
    const r = run(["nps", path, "--score", "score", "--where", "survey=nps", "--where", "survey=NPS", "--where", "wave=2", "--format", "json"]);
    expect(r.code, r.err).toBe(0);
    const kept = rows.filter((x) => (x.survey === "nps" || x.survey === "NPS") && x.wave === "2");
    const expected = evaluatePortfolio(definePortfolio({ nps: npsMetric<(typeof rows)[number]>({ score: (x) => x.score }) }), kept);
    const report = JSON.parse(r.out);
    expect(report.cells[0].metrics.nps.value).toBe(expected.cells[0]!.metrics.nps.value);
    expect(report.read).toMatchObject({ rows: 90, filteredRows: 90 - kept.length, badRows: 0 });
    expect(r.err).toBe(`cx-metrics: ${90 - kept.length} rows left out by --where\n`);
  });

  test("a stray quote is reported at its line; --skip-bad-rows skips it and a score of 11, and every output says so", () => {
    const lines = ["id,score,comment", ...Array.from({ length: 3000 }, (_, i) => `${i + 1},${i % 11},${i === 1 ? '"Great, would buy' : i === 500 ? "fine" : "ok"}`)];
    lines[700] = "700,11,fine";
    const path = file("verbatims.csv", `${lines.join("\n")}\n`);
    const stop = run(["nps", path, "--score", "score"]);
    expect(stop.code).toBe(2);
    expect(stop.err).toBe("cx-metrics: error [INVALID_INPUT]: evaluateFile: line 3: malformed CSV (the quoted field opened on line 3 is not closed at the end of the file)\n");
    const summary = 'skipped 2 bad rows of 3,000: 1 unclosed quote (line 3), 1 metric "nps": OUT_OF_RANGE (line 701)';
    for (const workers of ["1", "2"]) {
      const table = run(["nps", path, "--score", "score", "--skip-bad-rows", "--workers", workers]);
      expect(table.code, table.err).toBe(0);
      expect(table.out).toMatch(/^nps\s+2998\s/m);
      expect(table.out.trimEnd().split("\n").at(-1)).toBe(summary);
      expect(table.err).toBe(`cx-metrics: ${summary}\n`);
    }
    const json = JSON.parse(run(["nps", path, "--score", "score", "--skip-bad-rows", "--format", "json"]).out);
    expect(json.read.badRowKinds).toEqual({ "unclosed quote": 1, 'metric "nps": OUT_OF_RANGE': 1 });
    const report = join(dir, "skipped.html");
    const config = file("nps.json", '{"metrics":{"nps":{"type":"nps","column":"score"}}}');
    const html = run(["report", config, path, "--skip-bad-rows", "-o", report]);
    expect(html.code, html.err).toBe(0);
    expect(readFileSync(report, "utf8")).toContain("3,000 rows (2 bad rows skipped)");
  });

  test("--max-record-size bounds a line; over it the error names the line and the flag", () => {
    const path = file("wide.csv", `score,comment\n9,ok\n3,${"x".repeat(5000)}\n`);
    const r = run(["nps", path, "--score", "score", "--max-record-size", "1k"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe("cx-metrics: error [RECORD_TOO_LARGE]: evaluateFile: line 3: a record longer than 1,024 characters (--max-record-size)\n");
    expect(run(["nps", path, "--score", "score", "--max-record-size", "8k"]).code).toBe(0);
  });

  test("a BIGINT score column read by DuckDB from Parquet", async () => {
    let duckdb: typeof import("@duckdb/node-api");
    try {
      duckdb = await import("@duckdb/node-api");
    } catch {
      return; // DuckDB is an optional dependency
    }
    const path = join(dir, "big.parquet");
    const db = await duckdb.DuckDBInstance.create(":memory:");
    const c = await db.connect();
    await c.run(`COPY (SELECT (i % 11)::BIGINT AS score FROM range(110) t(i)) TO '${path}' (FORMAT parquet)`);
    const r = run(["nps", path, "--score", "score", "--format", "json"]);
    expect(r.code, r.err).toBe(0);
    // 0..10 ten times: 20 promoters, 70 detractors of 110
    expect(JSON.parse(r.out).cells[0].metrics.nps.value).toBeCloseTo((100 * (20 - 70)) / 110, 12);
    expect(run(["nps", path, "--score", "score", "--where", "score=9"]).code).toBe(2);
  });
});

describe("cx-metrics clv: bad transactions", { timeout: 120_000 }, () => {
  test("a bad date or a negative amount names its line; --skip-bad-rows leaves them out and the fit is that of the clean file", () => {
    const cdnow = fileURLToPath(new URL("../../examples/data/CDNOW_sample.txt", import.meta.url));
    const tx = readFileSync(cdnow, "utf8").trim().split("\n").map((l) => l.trim().split(/\s+/));
    const clean = `customer,date,amount\n${tx.map(([, id, d, , v]) => `${id},${d!.slice(0, 4)}-${d!.slice(4, 6)}-${d!.slice(6)},${v}`).join("\n")}\n`;
    const args = ["--customer", "customer", "--date", "date", "--amount", "amount", "--end", "1997-09-30", "--format", "json"];
    const good = run(["clv", file("cdnow.csv", clean), ...args]);
    expect(good.code, good.err).toBe(0);
    const bad = file("cdnow-bad.csv", `${clean}7,1997-02-30,10\n8,1997-03-01,-5\n`);
    const stop = run(["clv", bad, ...args]);
    expect(stop.code).toBe(2);
    expect(stop.err).toMatch(new RegExp(`^cx-metrics: error \\[INVALID_DATE\\]: clv: line ${tx.length + 2}: column "date": expected a transaction date`));
    const skip = run(["clv", bad, ...args, "--skip-bad-rows"]);
    expect(skip.code, skip.err).toBe(0);
    expect(skip.err).toBe(`cx-metrics: skipped 2 bad rows of ${(tx.length + 2).toLocaleString("en-US")}: 1 column "date": INVALID_DATE (line ${tx.length + 2}), 1 column "amount": OUT_OF_RANGE (line ${tx.length + 3})\n`);
    const a = JSON.parse(good.out);
    const b = JSON.parse(skip.out);
    expect(b.bgNbd).toEqual(a.bgNbd);
    expect(b.total).toBe(a.total);
    expect(b.read.badRows).toBe(2);
  });
});

describe("cx-metrics: output a spreadsheet cannot run, and tables of any length", { timeout: 60_000 }, () => {
  test.for([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["\tx", "'\tx"],
    ["\rx", "\"'\rx\""],
    ["-12.5", "-12.5"],
    ["+3", "+3"],
    ["web", "web"],
    ["a,b", '"a,b"'],
  ] as const)("csvCell(%j) is %j", ([cell, expected]) => {
    expect(csvCell(cell)).toBe(expected);
  });

  test("--format csv escapes formula-leading segment values, not the numbers it formats", () => {
    const path = file("inject.csv", 'score,channel\n0,=1+2\n1,=1+2\n9,"@SUM(A1)"\n10,-1\n');
    const r = run(["nps", path, "--score", "score", "--by", "channel", "--format", "csv"]);
    expect(r.code, r.err).toBe(0);
    const lines = r.out.trim().split("\n");
    expect(lines.some((l) => l.startsWith("'=1+2,nps,2,-100.00,-100.00,"))).toBe(true);
    expect(lines.some((l) => l.startsWith("'@SUM(A1),nps,1,100.00,"))).toBe(true);
    expect(lines.some((l) => l.startsWith("-1,nps,1,100.00,"))).toBe(true);
    expect(lines.some((l) => /,nps,4,0\.00,-\d/.test(l))).toBe(true);
    expect(csvText(["a"], [["-1.00"]], [true])).toBe("a\n-1.00\n");
  });

  test("a table of 200,000 rows does not overflow the stack", () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => [`s${i}`, String(i)]);
    const text = table(["segment", "n"], rows, [false, true]);
    expect(text.split("\n")[2]).toBe(`${"s0".padEnd(7)}  ${"0".padStart(6)}`);
    expect(text.split("\n")).toHaveLength(200_003);
  });
});
