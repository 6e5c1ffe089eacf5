// The bad-file table of the readers (issue 13): stray and unclosed quotes at their exact line, a
// 64 MB line read in bounded memory, records over the maximum size, files that change while they
// are read, failing streams and devices, directories, and bad values with invalid "skip" (and with
// onBadRow, its deprecated name; both at once is refused).
import { appendFileSync, truncateSync } from "node:fs";
import { Readable } from "node:stream";
import { describe, expect, test } from "vitest";
import { definePortfolio, field, npsMetric } from "../../src/index";
import { evaluateFile, evaluateInWorkers, summarizeFile } from "../../src/node/index";
import { rejection } from "../helpers/tables";
import { all, scratch } from "../helpers/read";

const { dir, file } = scratch("cx-bad-");
/** A CSV of `n` answers with a free-text comment; `comments` replaces the comment of some lines (file line numbers). */
function answers(n: number, comments: Record<number, string> = {}): string {
  let text = "id,score,comment\n";
  for (let i = 1; i <= n; i++) text += `${i},${i % 11},${comments[i + 1] ?? "fine"}\n`;
  return text;
}
/** Text in pieces of 64 KiB, as a file stream gives it (every boundary case is met somewhere). */
const pieces = (text: string, size = 65_536) => Readable.from(Array.from({ length: Math.ceil(text.length / size) }, (_, k) => text.slice(k * size, (k + 1) * size)));

describe("readRows: quotes, at their exact line", () => {
  test.for([
    ["an opening quote never closed", { 3: '"Great product, would buy' }, "the quoted field opened on line 3 is not closed at the end of the file"],
    ["an opening quote closed by a later quoted field", { 3: '"Great', 50: '"a, b"' }, "the quoted field opened on line 3 is not closed properly: the quote that ends it on line 50 is followed by text"],
  ] as const)("%s is reported at line 3, not at the end of the file; skipped, the rest is read", async ([, comments, message]) => {
    const text = answers(2000, comments);
    const e = await rejection(all(pieces(text, 1000)));
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.message).toBe(`readRows: line 3: malformed CSV (${message})`);
    expect((e.details as { line: number }).line).toBe(3);
    const { rows, lines, stats } = await all(pieces(text, 1000), { invalid: "skip" });
    expect(rows).toHaveLength(1999);
    expect(lines.slice(0, 3)).toEqual([2, 4, 5]);
    expect(stats).toMatchObject({ rows: 2000, badRows: 1, badRowKinds: { "unclosed quote": 1 } });
    expect(stats.badRowSamples[0]).toMatchObject({ line: 3, kind: "unclosed quote" });
  });

  test("a quote inside a field that does not start with one is a plain character (RFC 4180 bare quote)", async () => {
    const { rows } = await all(pieces(answers(5, { 3: 'He said "great', 4: 'x""y' })), { columns: { comment: "string" } });
    expect(rows.map((r) => r.comment)).toEqual(["fine", 'He said "great', 'x""y', "fine", "fine"]);
  });

  test("text after a closing quote on one line is reported at that line and skipped to the next", async () => {
    const text = answers(6, { 4: '"ok"then' });
    const e = await rejection(all(Readable.from([text])));
    expect(e.message).toBe("readRows: line 4: malformed CSV (text after the closing quote of a quoted field)");
    const { rows, stats } = await all(Readable.from([text]), { invalid: "skip" });
    expect(rows.map((r) => r.id)).toEqual(["1", "2", "4", "5", "6"]);
    expect(stats.badRowSamples).toEqual([{ line: 4, kind: "text after a closing quote", reason: "malformed CSV (text after the closing quote of a quoted field)" }]);
  });

  test("quoted fields split at every possible chunk boundary read the same", async () => {
    const text = 'a,b\r\n"x ""1"", y",2\r\n"multi\nline",""\r\nplain,"q"\r\n';
    const expected = [{ a: 'x "1", y', b: "2" }, { a: "multi\nline", b: null }, { a: "plain", b: "q" }];
    for (let size = 1; size <= 8; size++) expect((await all(pieces(text, size))).rows, `pieces of ${size}`).toEqual(expected);
  });

  test("an unclosed quote is found within maxRecordSize characters, not at the end of a large input", async () => {
    let given = 0;
    async function* input() {
      yield 'id,comment\n1,"never closed\n';
      for (let k = 0; k < 1000; k++) {
        given += 65_536;
        yield "2,fine\n".repeat(9362) + "2,ok\n";
      }
    }
    const e = await rejection(all(input(), { maxRecordSize: 1_000_000 }));
    expect(e.code).toBe("RECORD_TOO_LARGE");
    expect(e.message).toMatch(/^readRows: line 2: the quoted field opened on line 2 runs for more than 1,000,000 characters/);
    expect(given).toBeLessThan(1_000_000 + 2 * 65_536);
  });
});

describe("readRows: long records, in bounded memory", () => {
  const MB64 = 64 * 1024 * 1024;
  /** A 64 MB one-record input, made as it is read (the test holds no 64 MB string of its own). */
  async function* longLine(head: string, tail: string, counter: { given: number }) {
    yield head;
    const block = "x".repeat(1 << 16);
    for (let k = 0; k < MB64 >> 16; k++) {
      counter.given += block.length;
      yield block;
    }
    yield tail;
  }

  test.for([
    ["CSV", "csv", "id,comment\n1,", "\n2,short\n"],
    ["NDJSON", "ndjson", '{"id":1,"comment":"', '"}\n{"id":2,"comment":"short"}\n'],
    ["JSON array", "json", '[{"id":1,"comment":"', '"},\n{"id":2,"comment":"short"}]'],
  ] as const)("%s: a 64 MB record is read when the limit allows it", { timeout: 120_000 }, async ([, format, head, tail]) => {
    const counter = { given: 0 };
    const { rows } = await all(longLine(head, tail, counter), { format, maxRecordSize: MB64 + 100 });
    expect(rows).toHaveLength(2);
    expect((rows[0]!.comment as string).length).toBe(MB64);
    expect(rows[1]!.comment).toBe("short");
  });

  test.for([
    ["CSV", "csv", "id,comment\n1,", "\n2,short\n", 2],
    ["NDJSON", "ndjson", '{"id":1,"comment":"', '"}\n{"id":2,"comment":"short"}\n', 1],
    ["JSON array", "json", '[{"id":1,"comment":"', '"},\n{"id":2,"comment":"short"}]', 1],
  ] as const)("%s: over the default limit (16 Mi characters) it stops with RECORD_TOO_LARGE before reading much more", { timeout: 120_000 }, async ([, format, head, tail, line]) => {
    const counter = { given: 0 };
    const e = await rejection(all(longLine(head, tail, counter), { format }));
    expect(e.code).toBe("RECORD_TOO_LARGE");
    expect(e.message).toBe(`readRows: line ${line}: a record longer than 16,777,216 characters (maxRecordSize)`);
    expect((e.details as { line: number }).line).toBe(line);
    // memory is bounded by the limit: the reader gave up within one chunk after it
    expect(counter.given).toBeLessThanOrEqual(16 * 1024 * 1024 + 2 * 65_536);
  });

  test("with invalid skip, an oversized record is counted and dropped and reading goes on", async () => {
    const text = `id,comment\n1,${"y".repeat(5000)}\n2,ok\n3,"${"z".repeat(5000)}"\n4,fine\n`;
    const { rows, stats } = await all(pieces(text, 1000), { maxRecordSize: 1000, invalid: "skip" });
    expect(rows.map((r) => r.id)).toEqual(["2", "4"]);
    expect(stats.badRowKinds).toEqual({ "record too large": 1, "unclosed quote": 1 });
    expect(stats.badRowSamples.map((b) => b.line)).toEqual([2, 4]);
  });

  test("maxRecordSize must be a whole number from 1 to the longest string", async () => {
    for (const m of [0, 1.5, 2 ** 30, "16M"]) expect((await rejection(all(Readable.from(["a\n1\n"]), { maxRecordSize: m as never }))).code).toBe("INVALID_OPTION");
  });
});

describe("readRows: files that change, fail or are not files", () => {
  const big = () => "score\n" + "7\n".repeat(2_000_000);

  test.for([
    ["truncated", (path: string) => truncateSync(path, 1_000_000)],
    ["appended to", (path: string) => appendFileSync(path, "9\n".repeat(1000))],
  ] as const)("a file %s while it is read is IO_ERROR, never a partial result", async ([name, change]) => {
    const path = file(`changing-${name}.csv`, big());
    let changed = false;
    const e = await rejection(
      all(path, {
        chunkSize: 1000,
        progressIntervalMs: 0,
        onProgress: () => {
          if (!changed) change(path);
          changed = true;
        },
      }),
    );
    expect(e.code).toBe("IO_ERROR");
    expect(e.message).toMatch(/^readRows: the file .* changed while it was read \(4,000,006 bytes when opened/);
    expect((e.details as { cause: string }).cause).toBe("CHANGED");
  });

  test.for([
    ["rows", definePortfolio({ nps: npsMetric<{ score: number }>({ score: (r) => r.score }) })],
    ["columns", definePortfolio({ nps: npsMetric({ score: field("score") }) })],
  ] as const)("evaluateFile gives no report for a file truncated while it is read (the %s path)", async ([name, p]) => {
    const path = file(`changing-eval-${name}.csv`, big());
    let changed = false;
    const e = await rejection(
      evaluateFile(path, p, {
        columns: { score: "number" },
        chunkSize: 1000,
        progressIntervalMs: 0,
        onProgress: () => {
          if (!changed) truncateSync(path, 1_000_001); // inside a field: "7" of "7\n" is kept, the line end cut
          changed = true;
        },
      }),
    );
    expect(e.code).toBe("IO_ERROR");
  });

  test("a stream that fails (EIO) is IO_ERROR naming the cause", async () => {
    const failing = new Readable({
      read() {
        this.push("score\n9\n");
        this.destroy(Object.assign(new Error("i/o error"), { code: "EIO" }));
      },
    });
    const e = await rejection(all(failing));
    expect(e.code).toBe("IO_ERROR");
    expect(e.message).toBe("readRows: cannot read the input stream: input/output error of the device (EIO)");
    expect((e.details as { cause: string }).cause).toBe("EIO");
  });

  test("a directory is IO_ERROR (EISDIR), also for the superuser who ignores permissions", async () => {
    const e = await rejection(all(dir));
    expect(e.code).toBe("IO_ERROR");
    expect(e.message).toBe(`readRows: expected a file, got the directory ${dir}`);
  });

  test.skipIf(process.getuid?.() === 0)("a file without read permission is IO_ERROR (EACCES)", async () => {
    const path = file("secret.csv", "a\n1\n");
    const { chmodSync } = await import("node:fs");
    chmodSync(path, 0o000);
    const e = await rejection(all(path));
    expect(e.code).toBe("IO_ERROR");
    expect(e.message).toContain("permission denied (EACCES)");
  });

  test("a character device is read without a size check (/dev/null is an empty file)", async () => {
    expect((await rejection(all("/dev/null"))).code).toBe("EMPTY_INPUT");
  });
});

// both file paths: rows (an arrow accessor) and columns (a field accessor)
describe.each([
  ["rows", definePortfolio({ nps: npsMetric<{ score: number }>({ score: (r) => r.score }) })],
  ["columns", definePortfolio({ nps: npsMetric({ score: field("score") }) })],
])("invalid skip covers bad records and bad values alike (the %s path)", (_path, p) => {

  test("a score of 11 stops the read by default and is skipped and counted with skip", async () => {
    const text = "score\n9\n11\n10\nten\n0\n12\n";
    const e = await rejection(evaluateFile(Readable.from(["score\n9\n11\n"]), p, { columns: { score: "number" } }));
    expect(e.code).toBe("OUT_OF_RANGE");
    expect((e.details as { line: number }).line).toBe(3);
    const report = await evaluateFile(Readable.from([text]), p, { columns: { score: "number" }, invalid: "skip", chunkSize: 2 });
    expect(report.cells[0]!.metrics.nps.n).toBe(3);
    expect(report.read.badRowKinds).toEqual({ 'metric "nps": OUT_OF_RANGE': 2, 'column "score": not a number': 1 });
    // in the order found: a malformed value when its chunk is read, values a metric refuses when the chunk is summarized
    expect(report.read.badRowSamples.map((b) => b.line).sort((a, b) => a - b)).toEqual([3, 5, 7]);
  });

  test("many bad values in one chunk: every one is found, and the rest is summarized once", async () => {
    const scores = Array.from({ length: 5000 }, (_, i) => (i % 3 === 0 ? 11 : i % 11));
    const text = `score\n${scores.join("\n")}\n`;
    const report = await evaluateFile(Readable.from([text]), p, { columns: { score: "number" }, invalid: "skip" });
    const good = scores.filter((s) => s <= 10);
    expect(report.read.badRows).toBe(5000 - good.length);
    expect(report.cells[0]!.metrics.nps.n).toBe(good.length);
    const promoters = good.filter((s) => s >= 9).length;
    const detractors = good.filter((s) => s <= 6).length;
    expect(report.cells[0]!.metrics.nps.value).toBeCloseTo((100 * (promoters - detractors)) / good.length, 10);
  });
});

describe("onBadRow, the deprecated name of invalid", () => {
  const p = definePortfolio({ nps: npsMetric<{ score: number }>({ score: (r) => r.score }) });
  const text = "score\n9\n11\n10\nten\n0\n";

  test("still skips what invalid skips, with the same counts", async () => {
    const skipped = await all(Readable.from([text]), { columns: { score: "number" }, invalid: "skip" });
    expect(await all(Readable.from([text]), { columns: { score: "number" }, onBadRow: "skip" })).toEqual(skipped);
    const report = await evaluateFile(Readable.from([text]), p, { columns: { score: "number" }, invalid: "skip" });
    const old = await evaluateFile(Readable.from([text]), p, { columns: { score: "number" }, onBadRow: "skip" });
    expect(old.read).toEqual(report.read);
    expect(old.cells[0]!.metrics.nps.result).toEqual(report.cells[0]!.metrics.nps.result);
    expect(report.read.badRowKinds).toEqual({ 'metric "nps": OUT_OF_RANGE': 1, 'column "score": not a number': 1 });
    const path = file("alias.csv", text);
    const workers = await evaluateInWorkers(path, { config: { nps: { type: "nps", column: "score" } } }, { columns: { score: "number" }, onBadRow: "skip", workers: 2 });
    expect(workers.read.badRows).toBe(2);
  });

  test("both names at once are an INVALID_OPTION, even when they agree, before anything is read", async () => {
    const both = { columns: { score: "number" }, invalid: "skip", onBadRow: "skip" } as const;
    const path = file("both.csv", text);
    for (const [fn, run] of [
      ["readRows", () => all(path, both)],
      ["summarizeFile", () => summarizeFile(path, p, both)],
      ["evaluateFile", () => evaluateFile(path, p, both)],
      ["evaluateFile", () => evaluateFile(file("both.parquet", ""), p, { invalid: "throw", onBadRow: "throw" })],
      ["evaluateInWorkers", () => evaluateInWorkers(path, { config: { nps: { type: "nps", column: "score" } } }, { ...both, workers: 2 })],
    ] as const) {
      const e = await rejection(run());
      expect(e.code).toBe("INVALID_OPTION");
      expect(e.message).toBe(`${fn}: expected invalid or its deprecated name onBadRow, not both`);
    }
  });
});

describe("empty cells", () => {
  test("are null whatever the column type, and without columns too", async () => {
    const text = "a,b,c\n,x,\n";
    expect((await all(Readable.from([text]), { columns: { a: "string", b: "string", c: "date" } })).rows).toEqual([{ a: null, b: "x", c: null }]);
    expect((await all(Readable.from([text]))).rows).toEqual([{ a: null, b: "x", c: null }]);
  });
});

describe("where", () => {
  const long = "survey,score\nnps,9\ncsat,5\nNPS,3\nces,7\nnps,\n";

  test("keeps rows whose field has one of the texts, counts the others, and does not check them", async () => {
    const { rows, stats } = await all(Readable.from([long]), { columns: { score: "integer" }, where: { survey: ["nps", "NPS"] } });
    expect(rows).toEqual([{ score: 9 }, { score: 3 }, { score: null }]);
    expect(stats).toMatchObject({ rows: 5, filteredRows: 2, badRows: 0 });
    const ndjson = '{"survey":"nps","wave":3,"score":9}\n{"survey":"nps","wave":4,"score":1}\n{"survey":"csat","wave":3,"score":5}\n';
    expect((await all(Readable.from([ndjson]), { format: "ndjson", where: { survey: "nps", wave: "3" } })).rows).toEqual([{ survey: "nps", wave: 3, score: 9 }]);
  });

  test("a field the file does not have, or a malformed option, is INVALID_OPTION", async () => {
    const e = await rejection(all(Readable.from([long]), { where: { wave: "3" } }));
    expect(e.message).toBe('readRows: the file has no column "wave" (its columns: survey, score)');
    for (const w of [[], { survey: [] }, { survey: 3 }]) expect((await rejection(all(Readable.from([long]), { where: w as never }))).code).toBe("INVALID_OPTION");
  });
});

describe("evaluateInWorkers cuts a file where the reader cuts records", () => {
  test("bare quotes in free text (odd counts on many lines) do not move a cut inside a quoted field", async () => {
    const lines = ["score,comment"];
    // a quoted line end after an odd number of quotes: a splitter that counts quote parity cuts inside it
    for (let i = 0; i < 30_000; i++) lines.push(`${i % 11},${i % 7 === 0 ? `He said "great` : i % 13 === 0 ? `"quoted, with a comma"` : i % 5 === 0 ? `"two\nlines"` : "ok"}`);
    const path = file("bare-quotes.csv", `${lines.join("\n")}\n`);
    const config = { nps: { type: "nps" as const, column: "score" } };
    const p = definePortfolio({ nps: npsMetric<{ score: number }>({ score: (r) => r.score }) });
    const one = await evaluateFile(path, p, { columns: { score: "number" } });
    const three = await evaluateInWorkers(path, { config }, { columns: { score: "number" }, workers: 3 });
    expect(three.workers).toBe(3);
    expect(three.cells[0]!.metrics.nps!.n).toBe(30_000);
    expect(three.cells[0]!.metrics.nps!.value).toBe(one.cells[0]!.metrics.nps.value);
  }, 60_000);
});
