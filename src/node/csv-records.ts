// CSV record cutting for the readers of cx-metrics/node: text chunks in, records (lists of fields,
// with the line each ends on) out. One pass over every character, whatever the line length: a
// record that spans chunks is kept as a list of pieces, never re-scanned or re-concatenated.
import { fail } from "../core/errors";

/**
 * Where the CSV cutter sends what it finds.
 * @internal
 */
export interface CsvSink {
  /** A record: its fields, and the line it ends on (1-based). Blank lines are not records. */
  record(fields: string[], line: number): void;
  /** A malformed record that was skipped (only with `skip`): its line, a counting key and the reason. */
  bad(line: number, kind: string, reason: string): void;
  /**
   * Whole lines without quotes, in place of `record`: the range `[start, end)` of `text`, every
   * line ending with a line feed, the first being line `line`. The sink cuts records and fields
   * itself (a line feed ends a record, a carriage return before it is dropped, a blank line is no
   * record, a record longer than the largest size goes to `oversize` with its line) and returns the
   * number of lines, so a reader of a few columns makes no string per field and no call per line.
   */
  lines?(text: string, start: number, end: number, line: number, oversize: (line: number) => void): number;
}

/**
 * A streaming CSV cutter: `push` text chunks in order, then `end`.
 * @internal
 */
export interface CsvCutter {
  push(text: string): void;
  end(): void;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

const enum State {
  /** At the start of a field. */
  FieldStart,
  /** In a field that did not start with a quote (a quote there is a literal character). */
  Unquoted,
  /** In a quoted field. */
  Quoted,
  /** Just after a quote inside a quoted field: an escaped quote (`""`) or the closing one. */
  Quote,
  /** After the closing quote: a delimiter, the end of the line or a carriage return must follow. */
  Closed,
  /** Text after a closing quote (the record is malformed): skipped up to the next delimiter or line end. */
  Junk,
  /** A record too large to keep, skipped up to the end of its line. */
  Discard,
}

/**
 * The text of a quoted field with each `""` made one `"`. Pieces are joined in batches, so a field
 * with millions of escaped quotes costs linear time and little garbage (`replaceAll` builds one
 * string per match: 6 s and 700 MB for 6.7 million).
 */
function unescapeQuotes(s: string): string {
  const out: string[] = [];
  let batch: string[] = [];
  let from = 0;
  for (let q = s.indexOf('""'); q >= 0; q = s.indexOf('""', q + 2)) {
    batch.push(s.slice(from, q + 1));
    from = q + 2;
    if (batch.length === 4096) {
      out.push(batch.join(""));
      batch = [];
    }
  }
  batch.push(s.slice(from));
  out.push(batch.join(""));
  return out.length === 1 ? out[0]! : out.join("");
}

/**
 * The CSV cutter of RFC 4180 with the usual relaxations: a quote inside a field that did not start
 * with one is a literal character (a "bare quote", as csv-parse's `relax_quotes`, and as
 * spreadsheets read it), a line may end in CRLF, and a blank line is no record. Malformed quoting
 * is reported at its exact line: text after a closing quote at the line of that text, and a quoted
 * field that is never closed at the line where it opened. A quoted field over several lines whose
 * closing quote is followed by text is taken for a stray opening quote (a free-text comment that
 * starts with `"`) and reported at the line where it opened, not where the damage shows. A quoted
 * field runs at most `maxRecordSize` characters, so an unclosed quote is found after that many
 * characters, not at the end of a large file.
 *
 * With `skip`, a malformed or oversized record is reported to `sink.bad` and cutting goes on: after
 * text following a closing quote, at the end of that line; after an oversized unquoted record, at
 * the end of its line; after an unclosed (or stray) quote, on the line after the one where the
 * quote opened (the text since then, at most `maxRecordSize` characters and one chunk, is cut
 * again).
 *
 * Time: O(characters), one pass (plus at most one more pass over at most `maxRecordSize` characters
 * per unclosed quote with `skip`). Memory: the current record (at most `maxRecordSize` characters
 * plus one chunk).
 *
 * @param fn - The public function, first in error messages.
 * @param delimiter - One character.
 * @param maxRecordSize - The longest record allowed, in characters.
 * @param skip - Skip malformed and oversized records (`true`) or throw (`false`).
 * @param sink - Receives records and skipped records.
 * @returns The cutter.
 * @throws `INVALID_INPUT` for malformed quoting and `RECORD_TOO_LARGE` for an oversized record
 * (without `skip`), both with `details.line`.
 * @internal
 * @example
 * ```ts
 * const out = [];
 * const c = csvCutter("f", ",", 1000, false, { record: (f, line) => out.push([line, f]), bad: () => {} });
 * c.push('a,b\n1,"x\ny"\n2,say "hi"\n');
 * c.end();
 * out; //=> [[1, ["a", "b"]], [3, ["1", "x\ny"]], [4, ["2", 'say "hi"']]]
 * ```
 */
export function csvCutter(fn: string, delimiter: string, maxRecordSize: number, skip: boolean, sink: CsvSink): CsvCutter {
  const DELIM = delimiter.charCodeAt(0);
  const block = sink.lines?.bind(sink);
  let state = State.FieldStart;
  let line = 1; // the line of the next character
  let recordLine = 1; // the line where the current record started
  let fields: string[] = [];
  let parts: string[] = []; // pieces of the current field from earlier chunks or before an escaped quote
  let raw: string[] = []; // the current record's text from earlier chunks (for a rewind after an unclosed quote)
  let rawLength = 0;
  let quoteLine = 0; // where the current quoted field opened
  let quoteAt = 0; // its offset in the record's text
  let sawQuote = false;
  let escapes = false; // the current quoted field holds an escaped quote ("")
  let badLine = 0;
  let badKind = "";
  let badReason = "";

  const reset = (): void => {
    state = State.FieldStart;
    fields = [];
    parts = [];
    raw = [];
    rawLength = 0;
    sawQuote = false;
    escapes = false;
    badReason = "";
    recordLine = line;
  };

  /** The value of a quoted field: its text from after the opening quote to the closing one, included. */
  const closeQuoted = (last: string): void => {
    parts.push(last);
    let value = parts.join("").slice(0, -1);
    if (escapes) value = unescapeQuotes(value);
    fields.push(value);
    parts = [];
    escapes = false;
  };

  const malformed = (at: number, kind: string, reason: string): void => {
    if (!skip) fail(fn, "INVALID_INPUT", `line ${at}: malformed CSV (${reason})`, undefined, { line: at, reason });
    if (badReason === "") {
      badLine = at;
      badKind = kind;
      badReason = reason;
    }
  };

  const finish = (endLine: number): void => {
    if (badReason !== "") sink.bad(badLine, badKind, `malformed CSV (${badReason})`);
    else if (!(fields.length === 1 && fields[0] === "" && !sawQuote)) sink.record(fields, endLine);
  };

  const tooLarge = (): string => `a record longer than ${maxRecordSize.toLocaleString("en-US")} characters (maxRecordSize)`;
  const oversize = (at: number): void => {
    if (!skip) fail(fn, "RECORD_TOO_LARGE", `line ${at}: ${tooLarge()}`, undefined, { line: at });
    sink.bad(at, "record too large", tooLarge());
  };

  /** The text after the line where the unclosed quote opened, to cut again; `null`: none. */
  const rewind = (tail: string): string | null => {
    const text = raw.join("") + tail;
    const reason = `the quoted field opened on line ${quoteLine} is not closed`;
    sink.bad(quoteLine, "unclosed quote", `malformed CSV (${reason})`);
    const nl = text.indexOf("\n", quoteAt);
    line = quoteLine + 1;
    reset();
    if (nl < 0) {
      // no line end after the quote: the rest of this line is dropped
      state = State.Discard;
      return null;
    }
    return text.slice(nl + 1);
  };

  /** Cut one chunk; returns text to cut again after a rewind, or `null`. */
  const cut = (t: string): string | null => {
    const n = t.length;
    let i = 0;
    let seg = 0; // start of the current field's text in t
    let rec = 0; // start of the current record's text in t
    let nextQuote = -1; // the next quote at or after i (fast path), n when none
    let nextLf = -1; // the next line end at or after i (in quoted fields), n when none
    while (i < n) {
      if (state === State.FieldStart && fields.length === 0 && rawLength === 0 && parts.length === 0 && badReason === "") {
        // fast path: a whole line without quotes in this chunk
        rec = i;
        recordLine = line;
        const nl = t.indexOf("\n", i);
        if (nl >= 0) {
          if (nextQuote < i) {
            nextQuote = t.indexOf('"', i);
            if (nextQuote < 0) nextQuote = n;
          }
          if (nextQuote > nl && block !== undefined) {
            // every whole line before the next quote, at once
            const last = t.lastIndexOf("\n", nextQuote - 1);
            line += block(t, i, last + 1, line, oversize);
            i = last + 1;
            continue;
          }
          if (nextQuote > nl) {
            const end = nl > i && t.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
            if (end - i > maxRecordSize) {
              if (!skip) fail(fn, "RECORD_TOO_LARGE", `line ${line}: ${tooLarge()}`, undefined, { line });
              sink.bad(line, "record too large", tooLarge());
            } else if (end > i) sink.record(t.slice(i, end).split(delimiter), line);
            line++;
            i = nl + 1;
            continue;
          }
        }
      }
      switch (state) {
        case State.FieldStart: {
          if (t.charCodeAt(i) === QUOTE) {
            state = State.Quoted;
            sawQuote = true;
            quoteLine = line;
            quoteAt = rawLength + i - rec;
            i++;
            seg = i;
          } else {
            state = State.Unquoted;
            seg = i;
          }
          break;
        }
        case State.Unquoted: {
          // to the next delimiter or line end (a quote here is a literal character)
          let c = 0;
          while (i < n && (c = t.charCodeAt(i)) !== DELIM && c !== LF) i++;
          if (i === n) break;
          let value = t.slice(seg, i);
          if (parts.length > 0) {
            parts.push(value);
            value = parts.join("");
            parts = [];
          }
          if (c === LF) {
            if (value.charCodeAt(value.length - 1) === CR) value = value.slice(0, -1);
            fields.push(value);
            if (rawLength + i - rec > maxRecordSize) {
              if (!skip) fail(fn, "RECORD_TOO_LARGE", `line ${recordLine}: ${tooLarge()}`, undefined, { line: recordLine });
              sink.bad(recordLine, "record too large", tooLarge());
            } else finish(line);
            line++;
            i++;
            reset();
          } else {
            fields.push(value);
            state = State.FieldStart;
            i++;
          }
          break;
        }
        case State.Quoted: {
          let q = t.indexOf('"', i);
          if (q < 0) q = n;
          // line ends inside the field (the next one is remembered: no text is searched twice)
          if (nextLf < i) {
            nextLf = t.indexOf("\n", i);
            if (nextLf < 0) nextLf = n;
          }
          while (nextLf < q) {
            line++;
            nextLf = t.indexOf("\n", nextLf + 1);
            if (nextLf < 0) nextLf = n;
          }
          if (q === n) {
            i = n;
            break;
          }
          state = State.Quote;
          i = q + 1;
          break;
        }
        case State.Quote: {
          if (t.charCodeAt(i) === QUOTE) {
            // an escaped quote (undone when the field closes)
            escapes = true;
            i++;
            state = State.Quoted;
          } else {
            closeQuoted(t.slice(seg, i));
            state = State.Closed;
          }
          break;
        }
        case State.Closed: {
          const c = t.charCodeAt(i);
          if (c === DELIM) {
            state = State.FieldStart;
            i++;
          } else if (c === LF) {
            finish(line);
            line++;
            i++;
            reset();
          } else if (c === CR) {
            i++;
          } else if (quoteLine < line) {
            // a quoted field over several lines closed by a quote followed by text: the opening
            // quote was most likely a stray one (a comment starting with a quote)
            if (!skip) fail(fn, "INVALID_INPUT", `line ${quoteLine}: malformed CSV (the quoted field opened on line ${quoteLine} is not closed properly: the quote that ends it on line ${line} is followed by text)`, undefined, { line: quoteLine, reason: "unclosed quote" });
            return rewind(t.slice(rec));
          } else {
            malformed(line, "text after a closing quote", "text after the closing quote of a quoted field");
            state = State.Junk;
          }
          break;
        }
        case State.Junk: {
          let c = 0;
          while (i < n && (c = t.charCodeAt(i)) !== DELIM && c !== LF) i++;
          if (i === n) break;
          if (c === LF) {
            finish(line);
            line++;
            reset();
          } else state = State.FieldStart;
          i++;
          break;
        }
        case State.Discard: {
          const nl = t.indexOf("\n", i);
          if (nl < 0) {
            i = n;
            rec = n;
            break;
          }
          line++;
          i = nl + 1;
          reset();
          break;
        }
      }
    }
    // the chunk ends inside a record: keep its pieces
    if (state === State.Discard) return null;
    if (state === State.Unquoted || state === State.Quoted || state === State.Quote) parts.push(t.slice(seg, n));
    const pending = n - rec;
    if (pending === 0 && rawLength === 0 && fields.length === 0 && parts.length === 0) return null;
    if (rawLength + pending > maxRecordSize) {
      if (state === State.Quoted || state === State.Quote) {
        if (!skip) fail(fn, "RECORD_TOO_LARGE", `line ${quoteLine}: the quoted field opened on line ${quoteLine} runs for more than ${maxRecordSize.toLocaleString("en-US")} characters (maxRecordSize): is a quote not closed?`, undefined, { line: quoteLine });
        return rewind(t.slice(rec));
      }
      if (!skip) fail(fn, "RECORD_TOO_LARGE", `line ${recordLine}: ${tooLarge()}`, undefined, { line: recordLine });
      sink.bad(recordLine, "record too large", tooLarge());
      const at = line;
      reset();
      line = at;
      state = State.Discard;
      return null;
    }
    raw.push(t.slice(rec));
    rawLength += pending;
    return null;
  };

  const push = (text: string): void => {
    for (let t: string | null = text; t !== null && t !== ""; ) t = cut(t);
  };

  return {
    push,
    end(): void {
      for (;;) {
        if (state === State.Quoted || state === State.Quote) {
          if (state === State.Quote) {
            // the file ends just after a closing quote
            closeQuoted("");
            state = State.Closed;
            continue;
          }
          if (!skip) fail(fn, "INVALID_INPUT", `line ${quoteLine}: malformed CSV (the quoted field opened on line ${quoteLine} is not closed at the end of the file)`, undefined, { line: quoteLine, reason: "unclosed quote" });
          const rest = rewind("");
          if (rest !== null) push(rest);
          continue;
        }
        if (state === State.Discard) return;
        // the last record, without a line end
        if (state === State.Unquoted) {
          let value = parts.join("");
          if (value.charCodeAt(value.length - 1) === CR) value = value.slice(0, -1);
          fields.push(value);
        } else if (state === State.FieldStart && fields.length > 0) fields.push("");
        if (fields.length > 0) {
          if (rawLength > maxRecordSize) {
            if (!skip) fail(fn, "RECORD_TOO_LARGE", `line ${recordLine}: ${tooLarge()}`, undefined, { line: recordLine });
            sink.bad(recordLine, "record too large", tooLarge());
          } else finish(line);
        }
        reset();
        return;
      }
    },
  };
}
