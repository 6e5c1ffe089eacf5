// evaluateDuckDb and rfmSummaryDuckDb hold their source to a local file or a table unless the
// caller opts in (allowRemote, allowGlob), start DuckDB without extension downloads, and never put
// a file's contents into an error message.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, test } from "vitest";
import { portfolioFromConfig } from "../../src/index";
import { evaluateDuckDb, rfmSummaryDuckDb } from "../../src/sql/index";
import { duckDbMessage } from "../../src/sql/duckdb";
import { rejection } from "../helpers/tables";

const TIMEOUT = 60_000;
const dir = mkdtempSync(join(tmpdir(), "cx-duckdb-src-"));
const p = portfolioFromConfig({ nps: { type: "nps", column: "score" } });
const csv = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const a = csv("a.csv", "score\n10\n9\n3\n");
csv("b.csv", "score\n0\n10\n");

describe("evaluateDuckDb: what a source may be", () => {
  test("a local file is read (given to DuckDB as an absolute path)", async () => {
    const r = await evaluateDuckDb(a, p);
    expect(r.rows).toBe(3);
    expect(r.sql).toContain(`read_csv('${a}'`);
  }, TIMEOUT);

  test("Node's file functions load without process.getBuiltinModule too (Node 20 before 20.16)", async () => {
    const proc = process as { getBuiltinModule?: unknown };
    const saved = proc.getBuiltinModule;
    proc.getBuiltinModule = undefined;
    try {
      expect((await evaluateDuckDb(a, p)).rows).toBe(3);
      expect((await rejection(evaluateDuckDb(join(dir, "missing.csv"), p))).code).toBe("IO_ERROR");
    } finally {
      proc.getBuiltinModule = saved;
    }
  }, TIMEOUT);

  test.for([
    ["an https URL", "https://example.com/answers.csv"],
    ["an s3 URL", "s3://bucket/answers.parquet"],
    ["a file URL", "file:///etc/passwd"],
    ["MotherDuck", "md:my_db"],
  ] as const)("%s is refused by default with INVALID_INPUT, before DuckDB runs", async ([, source]) => {
    const e = await rejection(evaluateDuckDb(source, p));
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.message).toContain("allowRemote: true");
  });

  test.for([
    ["a star", join(dir, "*.csv")],
    ["a question mark", join(dir, "?.csv")],
    ["a character class", join(dir, "[ab].csv")],
    ["a recursive glob", join(dir, "**", "x.parquet")],
  ] as const)("a glob with %s is refused by default", async ([, source]) => {
    const e = await rejection(evaluateDuckDb(source, p));
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.message).toContain("allowGlob: true");
  });

  test("globs and URLs are read when the caller opts in", async () => {
    expect((await evaluateDuckDb(join(dir, "[ab].csv"), p, { allowGlob: true })).rows).toBe(5);
    expect((await evaluateDuckDb(`file://${a}`, p, { allowRemote: true })).rows).toBe(3);
    // a URL is not a glob: allowGlob does not let it through
    expect((await rejection(evaluateDuckDb(`file://${a}`, p, { allowGlob: true }))).code).toBe("INVALID_INPUT");
  }, TIMEOUT);

  test("a missing file, a directory and bad options are typed errors", async () => {
    const sub = join(dir, "folder.csv");
    mkdirSync(sub);
    const cases = [
      [() => evaluateDuckDb(join(dir, "missing.csv"), p), "IO_ERROR"],
      [() => evaluateDuckDb(sub, p), "IO_ERROR"],
      [() => evaluateDuckDb("", p), "INVALID_INPUT"],
      [() => evaluateDuckDb("a\u0000.csv", p), "INVALID_INPUT"],
      [() => evaluateDuckDb(a, p, { allowRemote: "yes" as never }), "INVALID_OPTION"],
      [() => evaluateDuckDb(a, p, { allowGlob: 1 as never }), "INVALID_OPTION"],
      [() => evaluateDuckDb({ table: "answers" }, p, { database: "md:prod" }), "INVALID_OPTION"],
      [() => evaluateDuckDb({ table: "answers" }, p, { database: "https://example.com/x.duckdb" }), "INVALID_OPTION"],
      [() => evaluateDuckDb({ table: "answers" }, p, { database: 5 as never }), "INVALID_OPTION"],
      [() => evaluateDuckDb(42 as never, p), "INVALID_INPUT"],
    ] as const;
    for (const [i, [run, code]] of cases.entries()) expect((await rejection(run)).code, `case ${i}`).toBe(code);
  }, TIMEOUT);

  test.for([
    ["a file name", "a.csv"],
    ["a URL", "https://example.com/x.parquet"],
    ["a path", "../secrets"],
    ["a glob", "answers*"],
    ["a drive or scheme", "c:answers"],
    ["an empty part", ["main", ""]],
    ["a dotted part", ["main", "x.parquet"]],
    ["too many parts", ["a", "b", "c", "d"]],
    ["no parts", []],
    ["a number", 5],
  ])("a table name that DuckDB would read as a file is refused: %s", async ([, table]) => {
    const e = await rejection(evaluateDuckDb({ table } as never, p));
    expect(e.code).toBe("INVALID_INPUT");
  });

  test("the check can fail: DuckDB itself reads a quoted table name that looks like a file", async () => {
    const db = await DuckDBInstance.create(":memory:");
    const c = await db.connect();
    try {
      const rows = (await c.runAndReadAll(`SELECT COUNT(*) AS n FROM "${a}"`)).getRowObjects();
      expect(rows[0]!.n).toBe(3n);
    } finally {
      c.closeSync();
      db.closeSync();
    }
  }, TIMEOUT);

  test("tables of a database are read by name and by [schema, table]", async () => {
    const path = join(dir, "t.duckdb");
    const db = await DuckDBInstance.create(path);
    const c = await db.connect();
    await c.run("CREATE TABLE answers AS SELECT * FROM (VALUES (10), (3)) AS t(score)");
    c.closeSync();
    db.closeSync();
    expect((await evaluateDuckDb({ table: "answers" }, p, { database: path })).rows).toBe(2);
    expect((await evaluateDuckDb({ table: ["main", "answers"] }, p, { database: path })).rows).toBe(2);
  }, TIMEOUT);

  test("DuckDB does not download extensions unless allowRemote is set", async () => {
    const e = await rejection(evaluateDuckDb({ expression: "read_csv('https://example.invalid/x.csv')" }, p));
    expect(e.code).toBe("IO_ERROR");
    expect(e.message).toMatch(/Extension Autoloading Error|httpfs/);
  }, TIMEOUT);

  test("rfmSummaryDuckDb holds its source to the same rules", async () => {
    const opts = { customer: "c", date: "d", calibrationEnd: "2024-01-31", timeUnit: "day" } as const;
    expect((await rejection(rfmSummaryDuckDb("https://example.com/orders.csv", opts))).code).toBe("INVALID_INPUT");
    expect((await rejection(rfmSummaryDuckDb(join(dir, "*.csv"), opts))).code).toBe("INVALID_INPUT");
    expect((await rejection(rfmSummaryDuckDb({ table: "orders.csv" }, opts))).code).toBe("INVALID_INPUT");
    const orders = csv("orders.csv", "c,d\nx,2024-01-01\nx,2024-01-05\ny,2024-01-02\n");
    const s = await rfmSummaryDuckDb(orders, { ...opts, dateType: "date" });
    expect(Array.from(s.frequency)).toEqual([1, 0]);
  }, TIMEOUT);
});

describe("evaluateDuckDb: errors never echo the file", () => {
  const SECRETS = ["hunter2", "123-45-6789", "password", "ssn", "topsecret", "root:x:0:0"];
  const clean = (message: string) => {
    for (const s of SECRETS) expect(message, message).not.toContain(s);
  };

  test("a file without the column: the header (DuckDB's candidate bindings) is not shown", async () => {
    const e = await rejection(evaluateDuckDb(csv("s.csv", "password,ssn\nhunter2,123-45-6789\n"), p));
    expect(e.code).toBe("IO_ERROR");
    expect(e.message).toContain('"score"');
    clean(e.message);
    clean(JSON.stringify(e.details));
  }, TIMEOUT);

  test("a value that does not convert, a line that does not parse, a one-line file", async () => {
    const files = [
      csv("v.csv", "score\n10\nhunter2 123-45-6789\n"),
      csv("q.csv", 'score\n10\n"topsecret""x\n'),
      csv("passwd.csv", "root:x:0:0:root:/root:/bin/bash\n"),
      csv("j.json", '{"password": "hunter2"'),
      csv("n.ndjson", '{"score": "topsecret"}\n'),
      csv("bad.parquet", "password,hunter2\n"),
    ];
    for (const f of files) {
      const e = await rejection(evaluateDuckDb(f, p).then(() => expect.fail(`no error for ${f}`)));
      expect(e.code, e.message).toBe("IO_ERROR");
      clean(e.message);
    }
  }, TIMEOUT);

  test("duckDbMessage keeps the first line and the caller's names, and blanks the rest", () => {
    const raw = 'Binder Error: Referenced column "score" not found in FROM clause!\nCandidate bindings: "password", "ssn"\n\nLINE 1: SELECT ...';
    expect(duckDbMessage(raw, ["score"])).toBe('Binder Error: Referenced column "score" not found in FROM clause!');
    expect(duckDbMessage("Conversion Error: Could not convert string 'hunter2' to DOUBLE", [])).toBe("Conversion Error: Could not convert string '…' to DOUBLE");
    expect(duckDbMessage("Conversion Error: CSV Error on Line: 3 Original Line: hunter2", [])).toBe("Conversion Error: CSV Error on Line: 3");
    expect(duckDbMessage(`X Error: '${"a".repeat(400)}'`, ["a".repeat(400)])).toHaveLength(300);
    expect(duckDbMessage(undefined, [])).toBe("unknown error");
  });
});
