// SQL push-down and hostile input: a metric's `sql` spec is checked like a JSON config (every value
// of it ends up in SQL text), and every name (columns, segments, the date, the table) stays inside
// one quoted identifier in all five dialects. The check is structural: the query's text with every
// quoted identifier and literal blanked out must be the same as for harmless names.
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, test } from "vitest";
import { defineMetric, definePortfolio, npsMetric, portfolioFromConfig } from "../../src/index";
import { pearsonToSql, rfmToSql, toSql } from "../../src/sql/index";
import { rejection } from "../helpers/tables";

const DIALECTS = ["duckdb", "postgres", "bigquery", "snowflake", "spark"] as const;
type Dialect = (typeof DIALECTS)[number];

/**
 * The query with every quoted identifier replaced by `I` and every string literal by `L`, read with
 * the dialect's own quoting rules: `"…"` with `""` (DuckDB, PostgreSQL, Snowflake), `` `…` `` with
 * `\` escapes (BigQuery) or ` `` ` (Spark); `'…'` with `''` or, in BigQuery and Spark, `\` escapes.
 * An unterminated quote leaves `UNTERMINATED` in the result.
 */
function skeleton(sql: string, d: Dialect): string {
  const backslash = d === "bigquery" || d === "spark";
  const identQuote = d === "bigquery" || d === "spark" ? "`" : '"';
  let out = "";
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    if (ch === identQuote || ch === "'") {
      const isIdent = ch === identQuote;
      const escapesByBackslash = isIdent ? d === "bigquery" : backslash;
      let j = i + 1;
      let closed = false;
      while (j < sql.length) {
        const c = sql[j]!;
        if (escapesByBackslash && c === "\\") {
          j += 2;
          continue;
        }
        if (c === ch) {
          if (!escapesByBackslash && sql[j + 1] === ch) {
            j += 2;
            continue;
          }
          closed = true;
          break;
        }
        j++;
      }
      if (!closed) return `${out}UNTERMINATED`;
      out += isIdent ? "I" : "L";
      i = j + 1;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

const PAYLOADS = [`a"; DROP TABLE answers; --`, "a`; DROP TABLE answers; --", "a'); DROP TABLE answers; --", "a\\`) OR (1=1", "a\\\"; DELETE FROM t; --", "x */ OR 1=1 /*", "1) OR (1=1", "score\u2028\"`'"];

describe("toSql: names never leave their identifier", () => {
  const plain = portfolioFromConfig({ nps: { type: "nps", column: "score", weight: "w" }, m: { type: "mean", column: "v" }, c: { type: "csat", column: "cs" } });
  const base = { table: "answers", segmentBy: ["channel", "region"], period: "month", date: "at", timeZone: "Europe/Paris" } as const;
  test.for(DIALECTS)("%s: payloads in metric, weight, segment, date and table names", (dialect) => {
    const expected = skeleton(toSql(plain, { ...base, dialect }).sql, dialect);
    expect(expected).not.toContain("UNTERMINATED");
    for (const evil of PAYLOADS) {
      const p = portfolioFromConfig({ nps: { type: "nps", column: evil, weight: `${evil}w` }, m: { type: "mean", column: `${evil}v` }, c: { type: "csat", column: `${evil}c` } });
      const sql = toSql(p, { ...base, table: evil, segmentBy: [evil, `${evil}2`], date: `${evil}d`, dialect }).sql;
      expect(skeleton(sql, dialect), `${dialect} ${JSON.stringify(evil)}`).toBe(expected);
      // qualified table names, and columns given to toSql rather than known by the metric
      const q2 = toSql(definePortfolio({ nps: npsMetric({ score: (r: { s: number }) => r.s }) }), { table: [evil, evil], columns: { nps: evil }, dialect }).sql;
      const q2plain = toSql(definePortfolio({ nps: npsMetric({ score: (r: { s: number }) => r.s }) }), { table: ["a", "b"], columns: { nps: "s" }, dialect }).sql;
      expect(skeleton(q2, dialect)).toBe(skeleton(q2plain, dialect));
    }
  });

  test.for(DIALECTS)("%s: payloads in the names of the RFM and co-moment queries", (dialect) => {
    for (const evil of PAYLOADS) {
      const rfm = (n: (s: string) => string) => rfmToSql({ table: n("t"), customer: n("c"), date: n("d"), value: n("v"), calibrationEnd: "2024-06-30", timeUnit: "week", dialect }).sql;
      expect(skeleton(rfm((s) => `${evil}${s}`), dialect)).toBe(skeleton(rfm((s) => s), dialect));
      const pear = (n: (s: string) => string) => pearsonToSql({ table: n("t"), x: n("x"), y: n("y"), segmentBy: n("s"), dialect }).sql;
      expect(skeleton(pear((s) => `${evil}${s}`), dialect)).toBe(skeleton(pear((s) => s), dialect));
    }
  });

  test("the check can fail: a name pasted without quoting changes the skeleton", () => {
    const sql = `SELECT AVG("v") FROM answers; DROP TABLE answers; --`;
    expect(skeleton(sql, "duckdb")).not.toBe(skeleton(`SELECT AVG("v") FROM "answers"`, "duckdb"));
    expect(skeleton(`SELECT "a`, "postgres")).toContain("UNTERMINATED");
  });

  test("control characters in names, and names that are not text, are refused", async () => {
    const p = portfolioFromConfig({ m: { type: "mean", column: "v" } });
    const cases = [
      () => toSql(p, { table: "t\u0000" }),
      () => toSql(p, { table: ["a", "b\n"] }),
      () => toSql(p, { table: "t", segmentBy: "a\u001f" }),
      () => toSql(p, { table: "t", segmentBy: 5 as never }),
      () => toSql(p, { table: "t", segmentBy: [["a"]] as never }),
      () => toSql(p, { table: "t", segmentBy: ["a", "a"] }),
      () => toSql(p, { table: "t", period: "month", date: 7 as never }),
      () => toSql(p, { table: "t", columns: { m: 3 as never } }),
      () => toSql(p, { table: "t", columns: { m: { column: ["x"] } as never } }),
      () => toSql(p, { table: "t", columns: { mm: "x" } }),
      () => toSql(p, { table: "t", timeZone: "Europe/Paris'; DROP TABLE t; --", period: "day", date: "d" }),
      () => toSql(p, { table: "t", period: "month'); --" as never, date: "d" }),
      () => toSql(p, { table: "t", dialect: "mysql" as never }),
      () => pearsonToSql({ table: "t", x: "x", y: "y", segmentBy: 5 as never }),
      () => rfmToSql({ table: "t", customer: "c", date: "d", calibrationEnd: "2024-01-01'; --", timeUnit: "week" }),
    ];
    for (const [i, c] of cases.entries()) {
      const e = await rejection(c);
      expect(e.code, `case ${i}: ${e.message}`).toMatch(/^INVALID_(OPTION|DATE)$/);
    }
  });
});

describe("defineMetric and toSql: the sql spec is validated", () => {
  const fns = { summarize: () => ({ n: 0 }), merge: () => ({ n: 0 }), empty: () => ({ n: 0 }), count: () => 0, finish: () => ({}), value: () => null };
  const good = {
    nps: { kind: "nps", scale: { min: 0, max: 10, passiveMin: 7, promoterMin: 9 }, weighted: false, invalid: "throw", column: "score" },
    distribution: { kind: "distribution", summaryKind: "csat", scale: { min: 1, max: 5 }, boolean: false, weighted: true, invalid: "skip", column: "c", weightColumn: "w" },
    moments: { kind: "moments", invalid: "skip", column: "v" },
  } as const;
  const define = (sql: unknown) => defineMetric({ id: "m", label: "M", unit: "", direction: "higher-is-better", ...fns, sql: sql as never });
  // every field of every kind, with an injection attempt or a value of the wrong type
  const INJECT = "1) OR (1=1";
  const bad: [string, unknown, string][] = [
    ["nps scale.min", { ...good.nps, scale: { ...good.nps.scale, min: INJECT } }, "sql.scale.min"],
    ["nps scale.max", { ...good.nps, scale: { ...good.nps.scale, max: "10 OR 1=1" } }, "sql.scale.max"],
    ["nps scale.passiveMin", { ...good.nps, scale: { ...good.nps.scale, passiveMin: 7.5 } }, "sql.scale.passiveMin"],
    ["nps scale.promoterMin", { ...good.nps, scale: { ...good.nps.scale, promoterMin: Infinity } }, "sql.scale.promoterMin"],
    ["nps scale NaN", { ...good.nps, scale: { ...good.nps.scale, min: NaN } }, "sql.scale.min"],
    ["nps scale as a big number", { ...good.nps, scale: { ...good.nps.scale, max: 1e300 } }, "sql.scale.max"],
    ["nps scale order", { ...good.nps, scale: { min: 0, max: 10, passiveMin: 9, promoterMin: 7 } }, "sql.scale"],
    ["nps scale extra key", { ...good.nps, scale: { ...good.nps.scale, toString: INJECT } }, "sql.scale.toString"],
    ["nps scale missing", { ...good.nps, scale: undefined }, "sql.scale"],
    ["nps weighted", { ...good.nps, weighted: "true" }, "sql.weighted"],
    ["nps invalid", { ...good.nps, invalid: INJECT }, "sql.invalid"],
    ["nps column", { ...good.nps, column: "a\u0000b" }, "sql.column"],
    ["nps column type", { ...good.nps, column: { toString: () => INJECT } }, "sql.column"],
    ["nps weightColumn", { ...good.nps, weightColumn: 5 }, "sql.weightColumn"],
    ["nps unknown key", { ...good.nps, where: INJECT }, "sql.where"],
    ["kind", { ...good.nps, kind: INJECT }, "sql.kind"],
    ["not an object", INJECT, "sql.kind"],
    ["distribution summaryKind", { ...good.distribution, summaryKind: INJECT }, "sql.summaryKind"],
    ["distribution scale.min", { ...good.distribution, scale: { min: INJECT, max: 5 } }, "sql.scale.min"],
    ["distribution scale.max", { ...good.distribution, scale: { min: 1, max: [5] } }, "sql.scale.max"],
    ["distribution scale size", { ...good.distribution, scale: { min: 0, max: 1000 } }, "sql.scale"],
    ["distribution boolean", { ...good.distribution, boolean: 1 }, "sql.boolean"],
    ["distribution boolean scale", { ...good.distribution, boolean: true }, "sql.scale"],
    ["distribution weighted", { ...good.distribution, weighted: null }, "sql.weighted"],
    ["distribution invalid", { ...good.distribution, invalid: "ignore" }, "sql.invalid"],
    ["distribution weightColumn", { ...good.distribution, weightColumn: "" }, "sql.weightColumn"],
    ["moments invalid", { ...good.moments, invalid: undefined }, "sql.invalid"],
    ["moments column", { ...good.moments, column: "v\n; DROP TABLE t" }, "sql.column"],
    ["moments with a scale", { ...good.moments, scale: { min: 0, max: 1 } }, "sql.scale"],
  ];

  test("valid specs are kept, as a frozen copy", () => {
    for (const spec of Object.values(good)) {
      const m = define(spec);
      expect(m.sql).toEqual(spec);
      expect(Object.isFrozen(m.sql)).toBe(true);
    }
    const mutable = structuredClone(good.nps) as { scale: { min: unknown } };
    const m = define(mutable);
    mutable.scale.min = INJECT;
    expect(m.sql).toEqual(good.nps);
  });

  test.for(bad)("defineMetric refuses %s with INVALID_OPTION naming the field", async ([, spec, field]) => {
    const e = await rejection(() => define(spec));
    expect(e.code).toBe("INVALID_OPTION");
    expect(e.message).toContain(field);
    expect(e.message).toContain('metric "m"');
  });

  test.for(DIALECTS)("%s: toSql refuses the same specs on a metric not made by defineMetric", async (dialect) => {
    for (const [what, spec, field] of bad) {
      const forged = { ...npsMetric({ score: (r: { s: number }) => r.s, column: "s" }), sql: spec };
      const p = definePortfolio({ x: forged as never });
      const e = await rejection(() => toSql(p, { table: "t", dialect }));
      expect(e.code, what).toBe("INVALID_OPTION");
      expect(e.message, what).toContain(field);
      expect(e.message, what).toContain('metric "x"');
    }
  });

  test.for(DIALECTS)("%s: a valid hand-written spec compiles to plain integers in the text", (dialect) => {
    const p = definePortfolio({ x: define({ ...good.nps, scale: { min: -5, max: 5, passiveMin: 1, promoterMin: 3 } }) });
    const sql = toSql(p, { table: "t", dialect }).sql;
    const q = dialect === "bigquery" || dialect === "spark" ? "`" : '"';
    expect(sql).toContain(`${q}score${q} >= -5 AND ${q}score${q} <= 5`);
    expect(sql).toContain(`${q}score${q} >= 3`);
  });
});

describe("DuckDB runs the quoted names for real", () => {
  test("columns and a table named with payloads are read, and nothing else runs", async () => {
    const evil = `a"; DROP TABLE answers; --`;
    const db = await DuckDBInstance.create(":memory:");
    const c = await db.connect();
    try {
      const qi = (s: string) => `"${s.replaceAll('"', '""')}"`;
      await c.run(`CREATE TABLE answers (x INTEGER)`);
      await c.run(`CREATE TABLE ${qi(evil)} (${qi(evil)} INTEGER, ${qi(`${evil}seg`)} VARCHAR)`);
      await c.run(`INSERT INTO ${qi(evil)} VALUES (10, 'web'), (9, 'web'), (3, 'app')`);
      const p = portfolioFromConfig({ nps: { type: "nps", column: evil } });
      const rows = (await c.runAndReadAll(toSql(p, { table: evil, segmentBy: `${evil}seg` }).sql)).getRowObjects();
      expect(rows.map((r) => [r.s0, r.m0_c0, r.m0_c2]).sort()).toEqual([["app", 1, 0], ["web", 0, 2]]);
      expect((await c.runAndReadAll("SELECT COUNT(*) AS n FROM answers")).getRowObjects()[0]!.n).toBe(0n);
    } finally {
      c.closeSync();
      db.closeSync();
    }
  }, 60_000);
});
