// SQL push-down: the generated text per dialect, safe quoting, and DuckDB running for real: on
// random data the push-down report equals the in-memory report; DuckDB reads CSV and Parquet files.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import fc from "fast-check";
import { describe, expect, expectTypeOf, test } from "vitest";
import { rejection } from "../helpers/tables";
import { CxMetricsError, csatMetric, definePortfolio, evaluatePortfolio, npsMetric, portfolioFromConfig, slaMetric } from "../../src/index";
import { evaluateFile } from "../../src/node/index";
import { evaluateDuckDb, fromSqlRows, toSql } from "../../src/sql/index";
import { SQL_KINDS, sqlKindOf } from "../../src/sql/kinds/index";
import type { SqlKind } from "../../src/sql/kinds/kind";
import type { SqlSummarySpec } from "../../src/core/metric";
import { close } from "../helpers/properties";
import { vi } from "vitest";

// This file runs DuckDB: explicit, generous timeouts for every test and hook (vitest's default of 5
// s is not enough on a loaded 2-core CI machine).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const dir = mkdtempSync(join(tmpdir(), "cx-sql-"));
let dbCount = 0;


/** A DuckDB database file with one table made from `rows` (typed columns), closed again. */
async function database(create: string, rows: unknown[][]): Promise<string> {
  const path = join(dir, `db${dbCount++}.duckdb`);
  const db = await DuckDBInstance.create(path);
  const c = await db.connect();
  await c.run(create);
  if (rows.length > 0) {
    const lit = (v: unknown) => (v === null ? "NULL" : typeof v === "string" ? `'${v.replaceAll("'", "''")}'` : String(v));
    await c.run(`INSERT INTO answers VALUES ${rows.map((r) => `(${r.map(lit).join(", ")})`).join(", ")}`);
  }
  c.closeSync();
  db.closeSync();
  return path;
}

const fcr = portfolioFromConfig({ fcr: { type: "proportion", column: "solved", label: "FCR" } });

describe("toSql: the text per dialect", () => {
  // a one-metric portfolio keeps the expected strings readable; every aggregate form is checked by
  // running the DuckDB text for real below
  test.for([
    [
      "duckdb",
      `SELECT CAST("channel" AS VARCHAR) AS "s0", strftime(date_trunc('month', timezone('Europe/Paris', CAST("at" AS TIMESTAMPTZ))), '%Y-%m-%d') AS "period", CAST(COUNT(*) AS DOUBLE) AS "n_rows", CAST(MIN(epoch_ms(CAST("at" AS TIMESTAMPTZ))) AS DOUBLE) AS "d_first", CAST(MAX(epoch_ms(CAST("at" AS TIMESTAMPTZ))) AS DOUBLE) AS "d_last", CAST(SUM(CASE WHEN "solved" IS NULL THEN 1 ELSE 0 END) AS DOUBLE) AS "m0_missing", CAST(0 AS DOUBLE) AS "m0_invalid", CAST(SUM(CASE WHEN "solved" = FALSE THEN 1 ELSE 0 END) AS DOUBLE) AS "m0_c0", CAST(SUM(CASE WHEN "solved" = TRUE THEN 1 ELSE 0 END) AS DOUBLE) AS "m0_c1" FROM "cx"."answers" GROUP BY 1, 2`,
    ],
    [
      "postgres",
      `SELECT CAST("channel" AS TEXT) AS "s0", to_char(date_trunc('month', (CAST("at" AS TIMESTAMPTZ) AT TIME ZONE 'Europe/Paris')), 'YYYY-MM-DD') AS "period", CAST(COUNT(*) AS DOUBLE PRECISION) AS "n_rows", CAST(MIN((EXTRACT(EPOCH FROM CAST("at" AS TIMESTAMPTZ)) * 1000)) AS DOUBLE PRECISION) AS "d_first", CAST(MAX((EXTRACT(EPOCH FROM CAST("at" AS TIMESTAMPTZ)) * 1000)) AS DOUBLE PRECISION) AS "d_last", CAST(SUM(CASE WHEN "solved" IS NULL THEN 1 ELSE 0 END) AS DOUBLE PRECISION) AS "m0_missing", CAST(0 AS DOUBLE PRECISION) AS "m0_invalid", CAST(SUM(CASE WHEN "solved" = FALSE THEN 1 ELSE 0 END) AS DOUBLE PRECISION) AS "m0_c0", CAST(SUM(CASE WHEN "solved" = TRUE THEN 1 ELSE 0 END) AS DOUBLE PRECISION) AS "m0_c1" FROM "cx"."answers" GROUP BY 1, 2`,
    ],
    [
      "bigquery",
      "SELECT CAST(`channel` AS STRING) AS `s0`, FORMAT_DATE('%F', DATE_TRUNC(DATE(CAST(`at` AS TIMESTAMP), 'Europe/Paris'), MONTH)) AS `period`, CAST(COUNT(*) AS FLOAT64) AS `n_rows`, CAST(MIN(UNIX_MILLIS(CAST(`at` AS TIMESTAMP))) AS FLOAT64) AS `d_first`, CAST(MAX(UNIX_MILLIS(CAST(`at` AS TIMESTAMP))) AS FLOAT64) AS `d_last`, CAST(SUM(CASE WHEN `solved` IS NULL THEN 1 ELSE 0 END) AS FLOAT64) AS `m0_missing`, CAST(0 AS FLOAT64) AS `m0_invalid`, CAST(SUM(CASE WHEN `solved` = FALSE THEN 1 ELSE 0 END) AS FLOAT64) AS `m0_c0`, CAST(SUM(CASE WHEN `solved` = TRUE THEN 1 ELSE 0 END) AS FLOAT64) AS `m0_c1` FROM `cx`.`answers` GROUP BY 1, 2",
    ],
    [
      "snowflake",
      `SELECT CAST("channel" AS VARCHAR) AS "s0", TO_CHAR(DATE_TRUNC('month', CONVERT_TIMEZONE('Europe/Paris', TO_TIMESTAMP_TZ("at"))), 'YYYY-MM-DD') AS "period", CAST(COUNT(*) AS DOUBLE) AS "n_rows", CAST(MIN(DATE_PART(EPOCH_MILLISECOND, TO_TIMESTAMP_TZ("at"))) AS DOUBLE) AS "d_first", CAST(MAX(DATE_PART(EPOCH_MILLISECOND, TO_TIMESTAMP_TZ("at"))) AS DOUBLE) AS "d_last", CAST(SUM(CASE WHEN "solved" IS NULL THEN 1 ELSE 0 END) AS DOUBLE) AS "m0_missing", CAST(0 AS DOUBLE) AS "m0_invalid", CAST(SUM(CASE WHEN "solved" = FALSE THEN 1 ELSE 0 END) AS DOUBLE) AS "m0_c0", CAST(SUM(CASE WHEN "solved" = TRUE THEN 1 ELSE 0 END) AS DOUBLE) AS "m0_c1" FROM "cx"."answers" GROUP BY 1, 2`,
    ],
    [
      "spark",
      "SELECT CAST(`channel` AS STRING) AS `s0`, date_format(date_trunc('MONTH', from_utc_timestamp(CAST(`at` AS TIMESTAMP), 'Europe/Paris')), 'yyyy-MM-dd') AS `period`, CAST(COUNT(*) AS DOUBLE) AS `n_rows`, CAST(MIN(unix_millis(CAST(`at` AS TIMESTAMP))) AS DOUBLE) AS `d_first`, CAST(MAX(unix_millis(CAST(`at` AS TIMESTAMP))) AS DOUBLE) AS `d_last`, CAST(SUM(CASE WHEN `solved` IS NULL THEN 1 ELSE 0 END) AS DOUBLE) AS `m0_missing`, CAST(0 AS DOUBLE) AS `m0_invalid`, CAST(SUM(CASE WHEN `solved` = FALSE THEN 1 ELSE 0 END) AS DOUBLE) AS `m0_c0`, CAST(SUM(CASE WHEN `solved` = TRUE THEN 1 ELSE 0 END) AS DOUBLE) AS `m0_c1` FROM `cx`.`answers` GROUP BY 1, 2",
    ],
  ] as const)("%s", ([dialect, expected]) => {
    expect(toSql(fcr, { table: ["cx", "answers"], segmentBy: "channel", period: "month", date: "at", timeZone: "Europe/Paris", dialect }).sql).toBe(expected);
  });

  test("NPS aggregates: valid scores only, the three categories, weights and their squares", () => {
    const q = toSql(portfolioFromConfig({ nps: { type: "nps", column: "score", weight: "w" } }), { table: "t" });
    const valid = `("score" >= 0 AND "score" <= 10 AND "score" = FLOOR("score"))`;
    expect(q.sql).toContain(`CAST(SUM(CASE WHEN "score" IS NOT NULL AND NOT ${valid} THEN 1 ELSE 0 END) AS DOUBLE) AS "m0_invalid"`);
    expect(q.sql).toContain(`CAST(SUM(CASE WHEN ${valid} THEN "w" * "w" ELSE 0 END) AS DOUBLE) AS "m0_wsq"`);
    expect(q.sql).toContain(`CAST(SUM(CASE WHEN ${valid} AND "score" >= 7 AND "score" < 9 THEN "w" ELSE 0 END) AS DOUBLE) AS "m0_w1"`);
    expect(q.sql).not.toContain("GROUP BY");
  });

  test("a name can never end its identifier or literal early", () => {
    const evil = `a"; DROP TABLE answers; --`;
    const p = portfolioFromConfig({ x: { type: "mean", column: evil } });
    expect(toSql(p, { table: "t" }).sql).toContain(`AVG(CAST("a""; DROP TABLE answers; --" AS DOUBLE))`);
    expect(toSql(p, { table: "t", dialect: "bigquery" }).sql).toContain("AVG(CAST(`a\"; DROP TABLE answers; --` AS FLOAT64))");
    expect(toSql(portfolioFromConfig({ x: { type: "mean", column: "a`b" } }), { table: "t", dialect: "spark" }).sql).toContain("`a``b`");
    expect(toSql(portfolioFromConfig({ x: { type: "mean", column: "a`b\\" } }), { table: "t", dialect: "bigquery" }).sql).toContain("`a\\`b\\\\`");
    expect(toSql(fcr, { table: "t", period: "day", date: "d", timeZone: "Europe/Paris", dialect: "postgres" }).sql).toContain("AT TIME ZONE 'Europe/Paris'");
  });

  test("bad input", async () => {
    const nps = definePortfolio({ nps: npsMetric<{ s: number }>({ score: (r) => r.s }) });
    const codes = await Promise.all([
      rejection(() => toSql(nps, { table: "t" })), // accessor metric without a column
      rejection(() => toSql(definePortfolio({ nps: npsMetric<{ s: number; w: number }>({ score: (r) => r.s, weight: (r) => r.w }) }), { table: "t", columns: { nps: "s" } })), // weighted, no weight column
      rejection(() => toSql(definePortfolio({ sla: slaMetric<{ c: string; r: string }>({ metric: "firstReply", target: 1, created: (t) => t.c, firstReply: (t) => t.r, asOf: "2024-01-01" }) }), { table: "t" })),
      rejection(() => toSql(fcr, { table: "t", dialect: "oracle" as never })),
      rejection(() => toSql(fcr, { table: "t", period: "month" })),
      rejection(() => toSql(fcr, { table: "bad\u0000name" })),
      rejection(() => toSql(fcr, { table: "t", timeZone: "Nowhere/Land" })),
      rejection(() => toSql(fcr, { table: 42 as never })),
    ]);
    expect(codes.map((e) => e.code)).toEqual(Array(8).fill("INVALID_OPTION"));
    expect(codes[0]!.message).toBe('toSql: expected the column of metric "nps" (columns: { nps: "..." })');
    // columns given for an accessor metric
    expect(toSql(nps, { table: "t", columns: { nps: "s" } }).sql).toContain('"s" >= 9');
  });
});

describe("SQL kinds: one entry per summary kind", () => {
  test("SQL_KINDS has an entry for every SqlSummarySpec kind, under its own name", () => {
    // compile time: the table is exhaustive (a Record over the kinds) and lists no other kind
    const exhaustive: Record<SqlSummarySpec["kind"], SqlKind> = SQL_KINDS;
    expectTypeOf<keyof typeof SQL_KINDS>().toEqualTypeOf<SqlSummarySpec["kind"]>();
    for (const [kind, entry] of Object.entries(exhaustive)) {
      expect(entry.kind).toBe(kind);
      expect([typeof entry.write, typeof entry.read]).toEqual(["function", "function"]);
    }
  });

  test("the built-in metrics that push down use every kind of the table, and only those", () => {
    const p = portfolioFromConfig({ nps: { type: "nps", column: "s" }, csat: { type: "csat", column: "c" }, ces: { type: "ces", column: "e" }, fcr: { type: "proportion", column: "b" }, churn: { type: "churn", column: "ch" }, x: { type: "mean", column: "x" } });
    const used = p.keys.map((k) => sqlKindOf(p.metrics[k]!.sql!).kind);
    expect(new Set(used)).toEqual(new Set(Object.keys(SQL_KINDS)));
  });
});

interface Row {
  channel: string;
  at: string;
  score: number | null;
  w: number;
  csat: number | null;
  solved: boolean | null;
  spend: number | null;
}

const config = {
  nps: { type: "nps", column: "score", weight: "w" },
  csat: { type: "csat", column: "csat" },
  fcr: { type: "proportion", column: "solved", label: "FCR" },
  spend: { type: "mean", column: "spend", label: "Spend" },
} as const;
const pushdown = portfolioFromConfig(config);
const CREATE = "CREATE TABLE answers (channel VARCHAR, ts TIMESTAMPTZ, score INTEGER, w DOUBLE, csat INTEGER, solved BOOLEAN, spend DOUBLE)";

describe("DuckDB for real", () => {
  test("push-down equals the in-memory report on random data (months in New York)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            channel: fc.constantFrom("web", "app", "it's"),
            // instants over five months, some near midnight at month ends
            at: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 4, 31) }).map((t) => new Date(Math.floor(t / 1800e3) * 1800e3).toISOString()),
            score: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null, freq: 8 }),
            w: fc.constantFrom(0.5, 1, 1.5, 2),
            csat: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null, freq: 8 }),
            solved: fc.option(fc.boolean(), { nil: null, freq: 8 }),
            spend: fc.option(fc.integer({ min: 0, max: 100000 }).map((x) => x / 100), { nil: null, freq: 8 }),
          }),
          { minLength: 1, maxLength: 60 },
        ),
        async (rows: Row[]) => {
          const path = await database(CREATE, rows.map((r) => [r.channel, r.at, r.score, r.w, r.csat, r.solved, r.spend]));
          const options = { segmentBy: "channel", period: "month", timeZone: "America/New_York" } as const;
          const got = await evaluateDuckDb({ table: "answers" }, pushdown, { ...options, date: "ts", database: path });
          const want = evaluatePortfolio(pushdown, rows, { ...options, date: (r: Row) => r.at });
          expect(got.rows).toBe(rows.length);
          expect(got.cells.length).toBe(want.cells.length);
          got.cells.forEach((cell, i) => {
            const w = want.cells[i]!;
            expect(cell.segment).toEqual(w.segment);
            expect(cell.period).toBe(w.period);
            // counts are exact: the results are identical, except for sums of weights and moments
            expect(cell.metrics.csat).toEqual(w.metrics.csat);
            expect(cell.metrics.fcr).toEqual(w.metrics.fcr);
            for (const k of ["nps", "spend"] as const) {
              const [g, x] = [cell.metrics[k]!, w.metrics[k]!];
              expect(g.n).toBe(x.n);
              if (x.value === null) expect(g.value).toBeNull();
              else close(g.value!, x.value, 1e-9, `${k} value`);
            }
            const gs = (cell.metrics.spend!.result as { sd: number | null } | null)?.sd;
            const ws = (w.metrics.spend!.result as { sd: number | null } | null)?.sd;
            if (ws !== null && ws !== undefined) close(gs!, ws, 1e-7, "spend sd");
            close((cell.metrics.nps!.result as { se?: number } | null)?.se ?? 0, (w.metrics.nps!.result as { se?: number } | null)?.se ?? 0, 1e-9, "nps se");
          });
        },
      ),
      { numRuns: 15 },
    );
  });

  test("DuckDB reads CSV and Parquet files in place (evaluateFile on .parquet)", async () => {
    const csv = join(dir, "answers.csv");
    const rows = Array.from({ length: 500 }, (_, i) => ({ channel: ["web", "app"][i % 2]!, day: `2024-0${1 + (i % 3)}-${String(1 + (i % 28)).padStart(2, "0")}`, score: (i * 7) % 11, csat: 1 + (i % 5) }));
    writeFileSync(csv, `channel,day,score,csat\n${rows.map((r) => `${r.channel},${r.day},${r.score},${r.csat}`).join("\n")}\n`);
    const parquet = join(dir, "answers.parquet");
    const db = await DuckDBInstance.create(":memory:");
    const c = await db.connect();
    await c.run(`COPY (SELECT * FROM read_csv('${csv}', header = true)) TO '${parquet}' (FORMAT parquet)`);
    c.closeSync();
    const p = portfolioFromConfig({ nps: { type: "nps", column: "score" }, csat: { type: "csat", column: "csat" } });
    // the data's first and last dates come back from SQL too (d_first, d_last): the same partial
    // periods, headline and data range as in memory, with or without now
    for (const source of [csv, parquet]) {
      const want0 = evaluatePortfolio(p, rows, { segmentBy: "channel", period: "month", date: (r) => r.day, timeZone: "Asia/Tokyo" });
      const { sql: _s, rows: _n, ...got0 } = await evaluateDuckDb(source, p, { segmentBy: "channel", period: "month", date: "day", dateType: "date", timeZone: "Asia/Tokyo" });
      expect(got0).toEqual(want0);
      // local midnights in Tokyo (UTC+9) of the first and last days, 2024-01-01 and 2024-03-28
      expect(got0.data).toEqual({ first: "2023-12-31T15:00:00.000Z", last: "2024-03-27T15:00:00.000Z" });
      expect(got0.headline).toBe("2024-02-01");
    }
    const now = "2024-03-20";
    const want = evaluatePortfolio(p, rows, { segmentBy: "channel", period: "month", date: (r) => r.day, timeZone: "Asia/Tokyo", now });
    for (const source of [csv, parquet]) {
      const got = await evaluateDuckDb(source, p, { segmentBy: "channel", period: "month", date: "day", dateType: "date", timeZone: "Asia/Tokyo", now });
      const { sql: _s, rows: n, ...report } = got;
      expect(report).toEqual(want);
      expect(report.headline).toBe("2024-02-01");
      expect(n).toBe(500);
    }
    const viaFile = await evaluateFile(parquet, p, { segmentBy: "channel", period: "month", date: "day", dateType: "date", timeZone: "Asia/Tokyo", now });
    expect(viaFile.read.rows).toBe(500);
    expect(viaFile.cells).toEqual(want.cells);
  });

  test("a column whose name tries to inject SQL is just a column", async () => {
    const evil = `x"; DROP TABLE answers; --`;
    const path = await database(`CREATE TABLE answers ("${evil.replaceAll('"', '""')}" DOUBLE)`, [[1], [3]]);
    const r = await evaluateDuckDb({ table: "answers" }, portfolioFromConfig({ x: { type: "mean", column: evil } }), { database: path });
    expect(r.cells[0]!.metrics.x!.value).toBe(2);
    const again = await evaluateDuckDb({ table: "answers" }, portfolioFromConfig({ x: { type: "mean", column: evil } }), { database: path });
    expect(again.rows).toBe(2);
  });

  test("invalid scores counted by the database are refused, or skipped with the metric's policy", async () => {
    const path = await database("CREATE TABLE answers (channel VARCHAR, score DOUBLE)", [["web", 9], ["web", 11], ["web", 7.5], ["app", 3]]);
    const e = await rejection(evaluateDuckDb({ table: "answers" }, portfolioFromConfig({ nps: { type: "nps", column: "score" } }), { segmentBy: "channel", database: path }));
    expect(e.code).toBe("OUT_OF_RANGE");
    expect(e.message).toMatch(/^fromSqlRows: metric "nps": 2 row\(s\) \(channel web\) have a value off the scale 0–10 or not a whole number/);
    const r = await evaluateDuckDb({ table: "answers" }, portfolioFromConfig({ nps: { type: "nps", column: "score", invalid: "skip" } }), { segmentBy: "channel", database: path });
    const web = r.cells.find((c) => c.segment.channel === "web")!;
    expect(web.metrics.nps!.n).toBe(1);
    expect(web.metrics.nps!.result!.invalid).toBe(2);
  });

  test("a missing table or file is IO_ERROR; rows without a segment are refused", async () => {
    const e = await rejection(evaluateDuckDb(join(dir, "nope.csv"), fcr));
    expect(e.code).toBe("IO_ERROR");
    expect(e.message).toBe(`evaluateDuckDb: file not found: ${join(dir, "nope.csv")}`);
    const t = await rejection(evaluateDuckDb({ table: "nope" }, fcr));
    expect(t.code).toBe("IO_ERROR");
    expect(t.message).toMatch(/^evaluateDuckDb: DuckDB could not run the query: Catalog Error: Table with name nope does not exist!/);
    const path = await database("CREATE TABLE answers (channel VARCHAR, solved BOOLEAN)", [[null, true], ["web", false]]);
    const n = await rejection(evaluateDuckDb({ table: "answers" }, fcr, { segmentBy: "channel", database: path }));
    expect(n.code).toBe("INVALID_INPUT");
  });

  test("fromSqlRows accepts numbers as bigint or text (drivers differ)", () => {
    const q = toSql(portfolioFromConfig({ nps: { type: "nps", column: "score" } }), { table: "t" });
    const r = fromSqlRows(q, [{ n_rows: 4n, m0_missing: "0", m0_invalid: 0n, m0_c0: "1", m0_c1: 1, m0_c2: 2n }]);
    expect(r.cells[0]!.metrics.nps!.value).toBe(25);
    expect(() => fromSqlRows(q, [{ m0_missing: "x" }])).toThrow(CxMetricsError);
  });

  test("the same portfolio in memory and in DuckDB: an accessor metric with columns given", async () => {
    const path = await database("CREATE TABLE answers (c INTEGER)", [[5], [4], [2], [null]]);
    const p = definePortfolio({ csat: csatMetric<{ c: number | null }>({ score: (r) => r.c }) });
    const r = await evaluateDuckDb({ table: "answers" }, p, { columns: { csat: "c" }, database: path });
    expect(r.cells[0]!.metrics.csat.result).toEqual(evaluatePortfolio(p, [{ c: 5 }, { c: 4 }, { c: 2 }, { c: null }]).cells[0]!.metrics.csat.result);
  });
});

describe("without DuckDB", () => {
  test("a clear MISSING_DEPENDENCY error that says how to install it", async () => {
    const { loadDuckDb } = await import("../../src/sql/duckdb");
    const e = await rejection(loadDuckDb("evaluateDuckDb", () => Promise.reject(Object.assign(new Error("Cannot find package '@duckdb/node-api'"), { code: "ERR_MODULE_NOT_FOUND" }))));
    expect(e.code).toBe("MISSING_DEPENDENCY");
    expect(e.message).toBe("evaluateDuckDb: the SQL path needs DuckDB, which is an optional dependency: install it with `npm install @duckdb/node-api`");
  });
});

describe("RFM push-down (per-customer rows for CLV)", () => {
  test("CDNOW in DuckDB: the same summary as rfmSummary in memory, and the published BG/NBD fit", async () => {
    const { readFileSync } = await import("node:fs");
    const { fitBgNbd, rfmSummary } = await import("../../src/index");
    const { rfmSummaryDuckDb } = await import("../../src/sql/index");
    const lines = readFileSync(new URL("../../examples/data/CDNOW_sample.txt", import.meta.url), "utf8").trim().split("\n");
    const tx = lines.map((l) => {
      const [, id, d, , v] = l.trim().split(/\s+/);
      return { id: id!, date: `${d!.slice(0, 4)}-${d!.slice(4, 6)}-${d!.slice(6)}`, value: Number(v) };
    });
    const path = join(dir, "cdnow.csv");
    writeFileSync(path, `id,date,value\n${tx.map((t) => `${t.id},${t.date},${t.value}`).join("\n")}\n`);
    const options = { customer: "id", date: "date", dateType: "date", value: "value", calibrationEnd: "1997-09-30", observationEnd: "1998-06-30", timeUnit: "week" } as const;
    const sql = await rfmSummaryDuckDb(path, options);
    const mem = rfmSummary(tx, { customerId: (t) => t.id, date: (t) => t.date, value: (t) => t.value, calibrationEnd: "1997-09-30", observationEnd: "1998-06-30", timeUnit: "week" });
    expect(sql.customers).toBe(mem.customers);
    expect(sql.transactions).toBe(mem.transactions);
    expect(sql.repeatCustomers).toBe(mem.repeatCustomers);
    // same customers, same numbers (SQL orders customers by id; the ids are zero-padded text)
    const at = new Map(mem.ids.map((id, i) => [String(id), i]));
    sql.ids.forEach((id, j) => {
      const i = at.get(String(id))!;
      for (const k of ["frequency", "recency", "T", "holdoutFrequency"] as const) expect(sql[k][j], `${k} of ${id}`).toBe(mem[k][i]);
      for (const k of ["monetaryValue", "holdoutMonetaryValue"] as const) close(sql[k][j]!, mem[k][i]!, 1e-12, `${k} of ${id}`);
    });
    // Fader, Hardie & Lee (2005): r 0.243, alpha 4.414, a 0.793, b 2.426
    const fit = fitBgNbd(sql);
    expect(fit.r).toBeCloseTo(0.243, 3);
    expect(fit.alpha).toBeCloseTo(4.414, 2);
    expect(fit.a).toBeCloseTo(0.793, 3);
    expect(fit.b).toBeCloseTo(2.426, 2);
  });

  test("timestamps count UTC days, as in memory; the text per dialect", async () => {
    const { rfmSummary } = await import("../../src/index");
    const { rfmSummaryDuckDb, rfmToSql } = await import("../../src/sql/index");
    const rows = [
      ["a", "2024-01-01T23:30:00Z", 5],
      ["a", "2024-01-02T00:30:00Z", 7],
      ["a", "2024-01-02T12:00:00Z", 1],
      ["b", "2024-01-05T10:00:00+09:00", 2],
      ["c", "2024-02-10T00:00:00Z", 4],
    ] as const;
    const path = await database("CREATE TABLE answers (c VARCHAR, ts TIMESTAMPTZ, v DOUBLE)", rows.map((r) => [...r]));
    const sql = await rfmSummaryDuckDb({ table: "answers" }, { customer: "c", date: "ts", value: "v", calibrationEnd: "2024-01-31", observationEnd: "2024-02-29", timeUnit: "day", database: path });
    const mem = rfmSummary(rows, { customerId: (r) => r[0], date: (r) => r[1], value: (r) => r[2], calibrationEnd: "2024-01-31", observationEnd: "2024-02-29", timeUnit: "day" });
    expect(sql.ids).toEqual(["a", "b"]);
    expect(Array.from(sql.frequency)).toEqual(Array.from(mem.frequency));
    expect(Array.from(sql.monetaryValue)).toEqual(Array.from(mem.monetaryValue));
    expect(sql.excludedCustomers).toBe(1);
    const bq = rfmToSql({ table: ["shop", "orders"], customer: "c", date: "ts", calibrationEnd: "2024-01-31", timeUnit: "week", dialect: "bigquery" }).sql;
    expect(bq).toContain("CAST(FLOOR(UNIX_SECONDS(CAST(`ts` AS TIMESTAMP)) / 86400) AS INT64) AS `d`");
    expect(bq).toContain("FROM `shop`.`orders`");
  });

  test("transactions after the observation end or without a value are refused", async () => {
    const { rfmSummaryDuckDb } = await import("../../src/sql/index");
    const path = await database("CREATE TABLE answers (c VARCHAR, d DATE, v DOUBLE)", [["a", "2024-01-01", 1], ["a", "2024-03-01", 2], ["b", "2024-01-01", null]]);
    const late = await rejection(rfmSummaryDuckDb({ table: "answers" }, { customer: "c", date: "d", dateType: "date", value: "v", calibrationEnd: "2024-01-31", timeUnit: "day", database: path }));
    expect(late.code).toBe("OUT_OF_RANGE");
    const missing = await rejection(rfmSummaryDuckDb({ table: "answers" }, { customer: "c", date: "d", dateType: "date", value: "v", calibrationEnd: "2024-01-31", observationEnd: "2024-03-31", timeUnit: "day", database: path }));
    expect(missing.code).toBe("INVALID_INPUT");
    expect(missing.message).toMatch(/customer b: 1 transaction\(s\) without a date or value/);
  });
});

describe("co-moments push-down (correlations)", () => {
  test("DuckDB co-moments per segment equal pearsonSummary in memory", async () => {
    const { pearson, pearsonFromSummary } = await import("../../src/index");
    const { pearsonFromSqlRows, pearsonToSql } = await import("../../src/sql/index");
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom("a", "b"), fc.integer({ min: -1000, max: 1000 }), fc.option(fc.integer({ min: -1000, max: 1000 }), { nil: null, freq: 6 })), { minLength: 1, maxLength: 40 }), async (rows) => {
        const path = await database("CREATE TABLE answers (g VARCHAR, x DOUBLE, y DOUBLE)", rows.map(([g, x, y]) => [g, x / 10, y === null ? null : y / 10]));
        const q = pearsonToSql({ table: "answers", x: "x", y: "y", segmentBy: "g" });
        const db = await DuckDBInstance.create(path);
        const c = await db.connect();
        const result = pearsonFromSqlRows(q, (await c.runAndReadAll(q.sql)).getRowObjects());
        c.closeSync();
        db.closeSync();
        for (const { segment, summary } of result) {
          const sel = rows.filter(([g, , y]) => g === segment.g && y !== null);
          expect(summary.n).toBe(sel.length);
          if (sel.length >= 3) {
            const xs = sel.map(([, x]) => x / 10);
            const ys = sel.map(([, , y]) => y! / 10);
            let want: number | null = null;
            try {
              want = pearson(xs, ys).r;
            } catch {
              want = null; // a constant series: no correlation
            }
            if (want !== null) close(pearsonFromSummary(summary).r, want, 1e-9, "r");
          }
        }
      }),
      { numRuns: 10 },
    );
  });
});
