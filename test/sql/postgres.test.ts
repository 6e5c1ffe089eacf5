// The PostgreSQL text of toSql, rfmToSql and pearsonToSql run for real, when a PostgreSQL server is
// installed here (Debian's postgresql package: initdb and pg_ctl, run as the postgres user). A
// throwaway cluster in a temporary directory; psql --csv returns the rows as text.
import { spawnSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { evaluatePortfolio, pearson, pearsonFromSummary, portfolioFromConfig, rfmSummary } from "../../src/index";
import { fromSqlRows, pearsonFromSqlRows, pearsonToSql, rfmFromSqlRows, rfmToSql, toSql } from "../../src/sql/index";
import { close } from "../helpers/properties";
import { vi } from "vitest";

// This file starts a PostgreSQL cluster and runs psql: explicit, generous timeouts for every test
// and hook (vitest's default of 5 s is not enough on a loaded 2-core CI machine).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

// Debian keeps initdb and pg_ctl in /usr/lib/postgresql/<version>/bin, off the PATH: the newest is used
const pgBin = process.platform === "linux" ? spawnSync("sh", ["-c", "ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1"], { encoding: "utf8" }).stdout.trim() : "";
const asPostgres = (cmd: string) => spawnSync("su", ["postgres", "-s", "/bin/sh", "-c", `PATH=${pgBin === "" ? "" : `${pgBin}:`}$PATH; ${cmd}`], { encoding: "utf8" });
const available = process.platform === "linux" && process.getuid?.() === 0 && asPostgres("command -v initdb && command -v pg_ctl").status === 0;
// CI installs PostgreSQL (.ci/run) and sets CX_REQUIRE_POSTGRES=1: there, a missing server fails instead of skipping
const required = process.env.CX_REQUIRE_POSTGRES === "1";

test.runIf(required)("PostgreSQL is installed where CI requires it (initdb and pg_ctl, run as the postgres user by root)", () => {
  expect({ available, pgBin }).toMatchObject({ available: true });
});
const dir = available ? mkdtempSync(join(tmpdir(), "cx-pg-")) : "";
const port = 54000 + (process.pid % 1000);

function psql(sql: string): Record<string, string>[] {
  const r = spawnSync("psql", ["-h", dir, "-p", String(port), "-U", "postgres", "-v", "ON_ERROR_STOP=1", "--csv", "-c", sql], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
  const [head, ...lines] = r.stdout.trim().split("\n");
  const cols = head!.split(",");
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [cols[i], v])));
}

describe.skipIf(!available)("PostgreSQL for real", () => {
  beforeAll(() => {
    const id = (flag: string) => Number(spawnSync("id", [flag, "postgres"], { encoding: "utf8" }).stdout.trim());
    chownSync(dir, id("-u"), id("-g"));
    const init = asPostgres(`initdb -D ${dir}/data -A trust -U postgres >/dev/null && pg_ctl -D ${dir}/data -o '-k ${dir} -p ${port} -c listen_addresses=' -l ${dir}/log -w start >/dev/null`);
    if (init.status !== 0) throw new Error(`cannot start PostgreSQL: ${init.stderr}`);
  }, 60_000);
  afterAll(() => {
    asPostgres(`pg_ctl -D ${dir}/data stop -m fast >/dev/null`);
    rmSync(dir, { recursive: true, force: true });
  });

  test("a portfolio by channel and month in Paris: the same report as in memory", () => {
    let seed = 9;
    const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
    const rows = Array.from({ length: 300 }, (_, i) => ({
      channel: ["web", "app", "it's"][i % 3]!,
      ts: new Date(Date.UTC(2024, 0, 1) + Math.floor(rand() * 150) * 86_400_000 + Math.floor(rand() * 48) * 1_800_000).toISOString(),
      score: i % 9 === 0 ? null : Math.floor(rand() * 11),
      w: [0.5, 1, 2][i % 3]!,
      csat: 1 + Math.floor(rand() * 5),
      solved: rand() < 0.7,
    }));
    const lit = (v: unknown) => (v === null ? "NULL" : typeof v === "string" ? `'${v.replaceAll("'", "''")}'` : String(v));
    psql(`CREATE TABLE answers (channel TEXT, ts TIMESTAMPTZ, score INTEGER, w DOUBLE PRECISION, csat INTEGER, solved BOOLEAN); INSERT INTO answers VALUES ${rows.map((r) => `(${[r.channel, r.ts, r.score, r.w, r.csat, r.solved].map(lit).join(", ")})`).join(", ")}`);
    const p = portfolioFromConfig({ nps: { type: "nps", column: "score", weight: "w" }, csat: { type: "csat", column: "csat" }, fcr: { type: "proportion", column: "solved", label: "FCR" } });
    const q = toSql(p, { table: "answers", segmentBy: "channel", period: "month", date: "ts", timeZone: "Europe/Paris", dialect: "postgres" });
    const got = fromSqlRows(q, psql(q.sql));
    const want = evaluatePortfolio(p, rows, { segmentBy: "channel", period: "month", date: (r) => r.ts, timeZone: "Europe/Paris" });
    expect(got.cells.map((c) => [c.segment, c.period, c.partial])).toEqual(want.cells.map((c) => [c.segment, c.period, c.partial]));
    // the data's first and last instants (d_first, d_last) as in memory, so the same headline
    expect(got.data).toEqual(want.data);
    expect(got.data).not.toBeNull();
    expect(got.headline).toBe(want.headline);
    got.cells.forEach((c, i) => {
      expect(c.metrics.csat).toEqual(want.cells[i]!.metrics.csat);
      expect(c.metrics.fcr).toEqual(want.cells[i]!.metrics.fcr);
      const [g, w] = [c.metrics.nps!, want.cells[i]!.metrics.nps!];
      expect(g.n).toBe(w.n);
      if (w.value !== null) close(g.value!, w.value, 1e-9, "nps");
    });
  });

  test("RFM rows and co-moments", () => {
    const tx = [
      ["a", "2024-01-01", 10],
      ["a", "2024-01-01", 5],
      ["a", "2024-01-20", 30],
      ["b", "2024-01-05", 8],
      ["b", "2024-02-20", 12],
      ["c", "2024-02-15", 1],
    ] as const;
    psql(`CREATE TABLE orders (c TEXT, d DATE, v DOUBLE PRECISION); INSERT INTO orders VALUES ${tx.map(([c, d, v]) => `('${c}', '${d}', ${v})`).join(", ")}`);
    const q = rfmToSql({ table: "orders", customer: "c", date: "d", dateType: "date", value: "v", calibrationEnd: "2024-01-31", observationEnd: "2024-02-29", timeUnit: "week", dialect: "postgres" });
    const s = rfmFromSqlRows(q, psql(q.sql));
    const mem = rfmSummary(tx, { customerId: (t) => t[0], date: (t) => t[1], value: (t) => t[2], calibrationEnd: "2024-01-31", observationEnd: "2024-02-29", timeUnit: "week" });
    expect(s.ids).toEqual(mem.ids);
    for (const k of ["frequency", "recency", "T", "monetaryValue", "holdoutFrequency", "holdoutMonetaryValue"] as const) expect(Array.from(s[k]), k).toEqual(Array.from(mem[k]));

    psql("CREATE TABLE pairs (x DOUBLE PRECISION, y DOUBLE PRECISION); INSERT INTO pairs VALUES (1, 2), (2, 4.5), (3, 5), (4, 9), (5, NULL)");
    const pq = pearsonToSql({ table: "pairs", x: "x", y: "y", dialect: "postgres" });
    const result = pearsonFromSqlRows(pq, psql(pq.sql));
    expect(result).toHaveLength(1);
    close(pearsonFromSummary(result[0]!.summary).r, pearson([1, 2, 3, 4], [2, 4.5, 5, 9]).r, 1e-12, "r");
  });
});
