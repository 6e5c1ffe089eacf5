// The columnar file path (metrics whose accessors are fields, typed columns, CSV) against the row
// path (the same metrics with arrow-function accessors, rows from readRows) on random files: quotes,
// delimiters and newlines inside quoted fields, CRLF, a byte-order mark, blank lines, empty cells,
// non-ASCII text cut between chunks, ragged rows, values of the wrong type, values a metric refuses,
// far-off and malformed dates, filters; with bad rows thrown or skipped. The summaries, the read's
// counts and any error (code, message, details) must be the same.
import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { definePortfolio, field, npsMetric } from "../../src/index";
import { columns, outcome, pieces, portfolios } from "../helpers/columnar";
import { evaluateFile, summarizeFile } from "../../src/node/index";
import { columnarPlan } from "../../src/portfolio/columnar";

const CHANNELS = ["web", "app", "e-mail", "Téléphone", "chat, live", 'say "hi"', "two\nlines", "🙂 emoji"];
// good values mostly, bad ones now and then (a file of 60 rows should often read without error)
const GOOD = {
  day: ["2024-01-15", "2024-02-29", "2024-03-31T23:30:00Z", "2024-12-31", "2024-06-01", "2024-03-31"],
  score: ["0", "6", "7", "8", "9", "10", "", " 7 ", "-0", "1e1", "10.0", "007"],
  csat: ["1", "2", "3", "4", "5", "", "4.0"],
  solved: ["true", "false", "yes", "no", "1", "0", "TRUE", "", " yes", "No"],
  w: ["1", "2.5", "0.25", "3", "1.0000000000000002"],
};
const BAD = {
  day: ["", "not a date", "9999-01-01", "2900-01-01", "1900-06-30"],
  score: ["11", "x", "5.5", "1e999", "NaN"],
  csat: ["6", "0", "2.5", "abc"],
  solved: ["maybe", "2"],
  w: ["", "-1", "heavy"],
};
const value = (k: keyof typeof GOOD) => fc.oneof({ weight: 40, arbitrary: fc.constantFrom(...GOOD[k]) }, { weight: 1, arbitrary: fc.constantFrom(...BAD[k]) });

/** A CSV field as a writer would write it: quoted when it must be, sometimes when it need not. */
function cell(v: string, quote: boolean): string {
  return quote || /[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

const rowArb = fc.record({
  channel: fc.oneof({ weight: 40, arbitrary: fc.constantFrom(...CHANNELS) }, { weight: 1, arbitrary: fc.constant("") }),
  wave: fc.constantFrom("1", "2"),
  day: value("day"),
  score: value("score"),
  csat: value("csat"),
  solved: value("solved"),
  w: value("w"),
  quote: fc.boolean(),
  ragged: fc.oneof({ weight: 60, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(1, -1) }),
});

const fileArb = fc.record({
  rows: fc.array(rowArb, { maxLength: 60 }),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  blank: fc.boolean(),
  finalNewline: fc.boolean(),
  cuts: fc.array(fc.nat({ max: 4000 }), { maxLength: 6 }),
});

type FileSpec = typeof fileArb extends fc.Arbitrary<infer T> ? T : never;

function csvText(f: FileSpec): Buffer {
  const nl = f.crlf ? "\r\n" : "\n";
  const lines = ["channel,wave,day,score,csat,solved,w"];
  for (const r of f.rows) {
    const fields = [r.channel, r.wave, r.day, r.score, r.csat, r.solved, r.w].map((v) => cell(v, r.quote));
    if (r.ragged > 0) fields.push("extra");
    if (r.ragged < 0) fields.pop();
    lines.push(fields.join(","));
    if (f.blank && r.wave === "2") lines.push("");
  }
  const text = (f.bom ? "\uFEFF" : "") + lines.join(nl) + (f.finalNewline ? nl : "");
  return Buffer.from(text, "utf8");
}





describe("the columnar file path equals the row path", () => {
  test("config portfolios on typed columns take the columnar path; arrow accessors, text metric columns and segment functions do not", () => {
    const { columnar, rows } = portfolios(true, "throw");
    const kinds = new Map(Object.entries(columns));
    expect(columnarPlan("t", columnar, kinds, { segmentBy: ["channel", "wave"], period: "month", date: "day" })).not.toBeNull();
    expect(columnarPlan("t", rows, kinds, {})).toBeNull();
    expect(columnarPlan("t", columnar, new Map([...kinds, ["score", "string"]]), {})).toBeNull();
    expect(columnarPlan("t", columnar, kinds, { segmentBy: "csat" })).toBeNull();
    expect(columnarPlan("t", columnar, kinds, { segmentBy: () => "x" })).toBeNull();
    // a boolean column reads as 1/0 for a proportion, but not as a score
    const p = definePortfolio({ nps: npsMetric({ score: field("solved") }) });
    expect(columnarPlan("t", p, kinds, {})).toBeNull();
  });

  test("summaries, counts and errors on random files", { timeout: 120_000 }, async () => {
    const seen = { ok: 0, error: 0 };
    await fc.assert(
      fc.asyncProperty(
        fileArb,
        fc.record({
          invalid: fc.constantFrom("throw", "skip") as fc.Arbitrary<"throw" | "skip">,
          metricInvalid: fc.constantFrom("throw", "skip") as fc.Arbitrary<"throw" | "skip">,
          weighted: fc.boolean(),
          segmentBy: fc.constantFrom(undefined, "channel", ["channel", "wave"]),
          period: fc.constantFrom(undefined, "month", "day"),
          where: fc.constantFrom(undefined, { wave: "1" }, { channel: ["web", "app", "Téléphone"] }),
          chunkSize: fc.constantFrom(1, 3, 7, 65_536),
        }),
        async (f, o) => {
          const bytes = csvText(f);
          const { columnar, rows } = portfolios(o.weighted, o.metricInvalid);
          const options = { columns, invalid: o.invalid, segmentBy: o.segmentBy, chunkSize: o.chunkSize, where: o.where, ...(o.period === undefined ? {} : { period: o.period, date: "day", timeZone: "Europe/Paris" }) } as never;
          const a = await outcome(() => summarizeFile(Readable.from(pieces(bytes, f.cuts)), columnar, options));
          const b = await outcome(() => summarizeFile(Readable.from(pieces(bytes, f.cuts)), rows, options));
          expect(a).toEqual(b);
          // the report too: its span check names the lines of the first and last periods
          const ra = await outcome(() => evaluateFile(Readable.from(pieces(bytes, f.cuts)), columnar, options));
          const rb = await outcome(() => evaluateFile(Readable.from(pieces(bytes, f.cuts)), rows, options));
          expect(ra).toEqual(rb);
          seen[(a as { ok?: unknown }).ok !== undefined ? "ok" : "error"]++;
        },
      ),
      { numRuns: 200 },
    );
    // both outcomes were tried often
    expect(seen.ok).toBeGreaterThan(30);
    expect(seen.error).toBeGreaterThan(10);
  });

  test("a file on disk with long lines and a quoted field over chunk boundaries", async () => {
    const { columnar, rows } = portfolios(false, "throw");
    const long = "x".repeat(70_000);
    const text = `channel,wave,day,score,csat,solved,w\n${Array.from({ length: 3000 }, (_, i) => `${i % 7 === 0 ? `"${long}"` : "web"},1,2024-01-0${1 + (i % 9)},${i % 11},${1 + (i % 5)},${i % 2 === 0},1`).join("\n")}\n`;
    const a = await outcome(() => summarizeFile(Readable.from([Buffer.from(text)]), columnar, { columns, segmentBy: "channel", period: "day", date: "day" } as never));
    const b = await outcome(() => summarizeFile(Readable.from([Buffer.from(text)]), rows, { columns, segmentBy: "channel", period: "day", date: "day" } as never));
    expect((a as { ok: { summary: { cells: unknown[] } } }).ok.summary.cells.length).toBe(18);
    expect(a).toEqual(b);
  });
});
