// Readers of cx-metrics/node: CSV, TSV, NDJSON and JSON arrays from files and streams, types,
// line numbers of bad rows, encodings, progress, and evaluateFile against the in-memory path.
import { join } from "node:path";
import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { rejection } from "../helpers/tables";
import { all, scratch } from "../helpers/read";
import { csatMetric, defineMetric, definePortfolio, evaluatePortfolio, npsMetric } from "../../src/index";
import { evaluateFile, type ReadProgress, readRows, summarizeFile } from "../../src/node/index";

const { dir, file } = scratch("cx-node-");

const csv = 'id,score,channel,comment,ok\n1,9,web,"fine, thanks",yes\n2,,app,"two\nlines",no\n\n3,10,web,"say ""hi""",1\n';

describe("readRows: CSV", () => {
  test("types, quotes, embedded newlines and commas, blank lines, line numbers", async () => {
    const { rows, lines } = await all(file("a.csv", csv), { columns: { id: "integer", score: "number", channel: "string", comment: "string", ok: "boolean" } });
    expect(rows).toEqual([
      { id: 1, score: 9, channel: "web", comment: "fine, thanks", ok: true },
      { id: 2, score: null, channel: "app", comment: "two\nlines", ok: false },
      { id: 3, score: 10, channel: "web", comment: 'say "hi"', ok: true },
    ]);
    // a record's line is the line where it ends
    expect(lines).toEqual([2, 4, 6]);
  });

  test("without columns every field is kept as text; renamed columns with from", async () => {
    const { rows } = await all(Readable.from([csv]));
    expect(rows[0]).toEqual({ id: "1", score: "9", channel: "web", comment: "fine, thanks", ok: "yes" });
    const r2 = await all(Readable.from([csv]), { columns: { nps: { from: "score", type: "number" } } });
    expect(r2.rows.map((r) => r.nps)).toEqual([9, null, 10]);
  });

  test("TSV by extension; chunks of chunkSize rows", async () => {
    const path = file("b.tsv", "a\tb\n1\t2\n3\t4\n5\t6\n");
    const chunks: number[] = [];
    for await (const c of readRows(path, { columns: { a: "number" }, chunkSize: 2 })) chunks.push(c.rows.length);
    expect(chunks).toEqual([2, 1]);
  });

  test("a ragged row stops the read with its line, or is skipped and counted", async () => {
    const path = file("ragged.csv", "a,b\n1,2\n3\n4,5\n6,7,8\n");
    const e = await rejection(all(path));
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.message).toBe("readRows: line 3: expected 2 fields, got 1");
    expect(e.details).toEqual({ line: 3, reason: "expected 2 fields, got 1" });
    const { rows, stats } = await all(path, { invalid: "skip" });
    expect(rows).toEqual([{ a: "1", b: "2" }, { a: "4", b: "5" }]);
    expect(stats).toMatchObject({ rows: 4, badRows: 2, badRowSamples: [{ line: 3, reason: "expected 2 fields, got 1" }, { line: 5, reason: "expected 2 fields, got 3" }] });
  });

  test.for([
    ["x", "number", 'expected a number, got the string "x"'],
    ["1e999", "number", "expected a finite number"],
    ["2.5", "integer", 'expected a whole number, got the string "2.5"'],
    ["maybe", "boolean", 'expected true/false, 1/0 or yes/no, got the string "maybe"'],
  ] as const)("a value %s for type %s is a bad row", async ([v, type, reason]) => {
    const e = await rejection(all(Readable.from([`v\n1\n${v}\n`]), { columns: { v: type } }));
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.message).toContain(`line 3: column "v": ${reason}`);
  });

  test("a mapped column the file does not have", async () => {
    const e = await rejection(all(Readable.from(["a,b\n1,2\n"]), { columns: { score: "number" } }));
    expect(e.code).toBe("INVALID_OPTION");
    expect(e.message).toBe('readRows: the file has no column "score" (its columns: a, b)');
  });

  test("malformed CSV (an unclosed quote) names the line where the quote opened", async () => {
    const e = await rejection(all(Readable.from(['a,b\n1,"2\n3,4\n'])));
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.message).toBe("readRows: line 2: malformed CSV (the quoted field opened on line 2 is not closed at the end of the file)");
  });
});

describe("readRows: JSON", () => {
  test("NDJSON by extension, blank lines, line numbers", async () => {
    const path = file("c.ndjson", '{"score":9,"ch":"web"}\n\n{"score":null,"ch":"app"}\n{"score":3,"ch":"web","extra":[1,{"a":"]"}]}\n');
    const { rows, lines } = await all(path, { columns: { score: "number", ch: "string" } });
    expect(rows).toEqual([{ score: 9, ch: "web" }, { score: null, ch: "app" }, { score: 3, ch: "web" }]);
    expect(lines).toEqual([1, 3, 4]);
  });

  test("a JSON array, streamed element by element (strings with brackets, escapes, nesting)", async () => {
    const text = '[\n {"s": "a]b,c", "n": 1},\n {"s": "q\\"}", "n": {"x": [1, 2]}},\n {"s": "", "n": 3}\n]\n';
    // fed one character at a time to cross every boundary
    const { rows, lines } = await all(Readable.from(text.split("")), { format: "json" });
    expect(rows).toEqual([{ s: "a]b,c", n: 1 }, { s: 'q"}', n: { x: [1, 2] } }, { s: "", n: 3 }]);
    expect(lines).toEqual([2, 3, 4]);
    expect((await all(Readable.from(["[]"]), { format: "json" })).rows).toEqual([]);
  });

  test.for([
    ['{"a": 1}', "expected a JSON array of objects"],
    ['[{"a": 1}', "the JSON array is not closed"],
    ['[{"a": 1}] x', "after the end of the JSON array"],
  ])("JSON %s is refused: %s", async ([text, message]) => {
    const e = await rejection(all(Readable.from([text]), { format: "json" }));
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.message).toContain(message);
  });

  test("malformed and non-object records are bad rows", async () => {
    const e = await rejection(all(Readable.from(['{"a":1}\n{"a":\n']), { format: "ndjson" }));
    expect(e.message).toMatch(/^readRows: line 2: malformed JSON/);
    const { rows, stats } = await all(Readable.from(['{"a":1}\n[1]\n{"a":2}\n']), { format: "ndjson", invalid: "skip" });
    expect(rows).toEqual([{ a: 1 }, { a: 2 }]);
    expect(stats.badRowSamples).toEqual([{ line: 2, kind: "not a JSON object", reason: "expected a JSON object, got an array" }]);
    expect(stats.badRowKinds).toEqual({ "not a JSON object": 1 });
  });
});

describe("readRows: files and encodings", () => {
  test("a missing file is IO_ERROR", async () => {
    const e = await rejection(all(join(dir, "nope.csv")));
    expect(e.code).toBe("IO_ERROR");
    expect(e.message).toBe(`readRows: file not found: ${join(dir, "nope.csv")}`);
  });

  test("invalid UTF-8 is refused; the same bytes read as Latin-1", async () => {
    const path = file("latin1.csv", Buffer.from("name,score\nJos\xe9,9\n", "latin1"));
    const e = await rejection(all(path));
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.message).toContain("not valid UTF-8");
    expect((await all(path, { encoding: "latin1" })).rows).toEqual([{ name: "José", score: "9" }]);
  });

  test("UTF-16 with a byte-order mark needs encoding utf16le", async () => {
    const path = file("u16.csv", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a,b\n1,2\n", "utf16le")]));
    const e = await rejection(all(path));
    expect(e.message).toContain('encoding "utf16le"');
    expect((await all(path, { encoding: "utf16le" })).rows).toEqual([{ a: "1", b: "2" }]);
  });

  test("a UTF-8 byte-order mark is dropped; an empty file has no header", async () => {
    expect((await all(file("bom.csv", "\ufeffa\n1\n"))).rows).toEqual([{ a: "1" }]);
    expect((await rejection(all(file("empty.csv", "")))).code).toBe("EMPTY_INPUT");
  });

  test("progress: rows, bytes, the file size, and a last call with done", async () => {
    const path = file("p.csv", "a\n" + "1\n".repeat(1000));
    const calls: ReadProgress[] = [];
    await all(path, { chunkSize: 100, progressIntervalMs: 0, onProgress: (p) => calls.push(p) });
    expect(calls.at(-1)).toMatchObject({ rows: 1000, bytes: 2002, totalBytes: 2002, done: true });
    expect(calls.length).toBeGreaterThan(5);
  });

  test("bad options", async () => {
    for (const o of [{ format: "xml" }, { columns: { a: "float" } }, { chunkSize: 0 }, { encoding: "ebcdic" }, { delimiter: '"' }, { onBadRow: "ignore" }, { invalid: "ignore" }, { invalid: "skip", onBadRow: "skip" }, { invalid: "throw", onBadRow: "skip" }]) {
      expect((await rejection(all(Readable.from(["a\n1\n"]), o as never))).code).toBe("INVALID_OPTION");
    }
    expect((await rejection(all(42 as never))).code).toBe("INVALID_INPUT");
  });
});

interface Row {
  score: number | null;
  csat: number;
  channel: string;
  date: string;
}
const portfolio = definePortfolio({ nps: npsMetric<Row>({ score: (r) => r.score }), csat: csatMetric<Row>({ score: (r) => r.csat }) });
const columns = { score: "number", csat: "integer", channel: "string", date: "date" } as const;

describe("evaluateFile", () => {
  test("equals evaluatePortfolio on the same rows, for any chunk size", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            score: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
            csat: fc.integer({ min: 1, max: 5 }),
            channel: fc.constantFrom("web", "app", "a,b", 'say "x"'),
            date: fc.integer({ min: 0, max: 90 }).map((d) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10)),
          }),
          { minLength: 1, maxLength: 80 },
        ),
        fc.integer({ min: 1, max: 30 }),
        async (rows, chunkSize) => {
          const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
          const text = `score,csat,channel,date\n${rows.map((r) => [r.score ?? "", r.csat, quote(r.channel), r.date].join(",")).join("\n")}\n`;
          const options = { segmentBy: "channel" as const, period: "month" as const, date: (r: Row) => r.date };
          const expected = evaluatePortfolio(portfolio, rows, options);
          const got = await evaluateFile(Readable.from([text]), portfolio, { columns, chunkSize, segmentBy: "channel", period: "month", date: "date" });
          const { read, ...report } = got;
          expect(report).toEqual(expected);
          expect(read.rows).toBe(rows.length);
        },
      ),
      { numRuns: 40 },
    );
  });

  test("a metric's error names the file line", async () => {
    const text = "score,csat,channel,date\n9,5,web,2024-01-01\n10,7,web,2024-01-02\n";
    const e = await rejection(evaluateFile(Readable.from([text]), portfolio, { columns, chunkSize: 1 }));
    expect(e.code).toBe("OUT_OF_RANGE");
    expect(e.message).toMatch(/^evaluateFile: metric "csat", line 3: csatSummary: .*line 3/);
    expect((e.details as { line: number }).line).toBe(3);
  });

  test("targets are checked before the file is read", async () => {
    const e = await rejection(evaluateFile(join(dir, "does-not-matter.csv"), portfolio, { targets: { ces: { target: 1 } } as never }));
    expect(e.code).toBe("INVALID_OPTION");
  });

  test("memory holds one chunk: 300,000 streamed rows reach the metric in batches of at most chunkSize", async () => {
    let maxBatch = 0;
    let total = 0;
    const counting = defineMetric({
      id: "count",
      label: "rows",
      unit: "",
      direction: "higher-is-better",
      summarize: (rows: ArrayLike<{ v: number }>) => {
        maxBatch = Math.max(maxBatch, rows.length);
        total += rows.length;
        let s = 0;
        for (let i = 0; i < rows.length; i++) s += rows[i]!.v;
        return { n: rows.length, s };
      },
      merge: (...x) => ({ n: x.reduce((a, b) => a + b.n, 0), s: x.reduce((a, b) => a + b.s, 0) }),
      empty: () => ({ n: 0, s: 0 }),
      count: (x) => x.n,
      finish: (x) => x,
      value: (x) => x.s,
    });
    const N = 300_000;
    async function* lines() {
      for (let i = 0; i < N; i += 1000) {
        let block = "";
        for (let j = i; j < i + 1000; j++) block += `{"v":${j % 7}}\n`;
        yield block;
      }
    }
    const report = await evaluateFile(Readable.from(lines()), definePortfolio({ count: counting }), { format: "ndjson", chunkSize: 5_000, columns: { v: "integer" } });
    expect(total).toBe(N);
    expect(maxBatch).toBe(5_000);
    expect(report.cells[0]!.metrics.count.result!.n).toBe(N);
    // 0 + 1 + … + 6 = 21 per block of seven
    expect(report.cells[0]!.metrics.count.value).toBe(21 * Math.floor(N / 7) + [0, 1, 2, 3, 4, 5].slice(0, N % 7).reduce((a, b) => a + b, 0));
  });

  test("summarizeFile gives a summary that merges", async () => {
    const { summary, stats } = await summarizeFile(Readable.from(["score,csat,channel,date\n9,5,web,2024-01-01\n"]), portfolio, { columns });
    expect(stats.rows).toBe(1);
    expect((summary.cells[0]!.summaries.nps as { n: number }).n).toBe(1);
  });
});
