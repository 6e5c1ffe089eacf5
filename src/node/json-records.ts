// JSON record cutting for the readers of cx-metrics/node: NDJSON lines and the elements of a JSON
// array, from text chunks, in one pass over every character whatever the record length (a record
// that spans chunks is kept as a list of pieces).
import { fail } from "../core/errors";
import { describe } from "../core/input";

/**
 * Where a JSON cutter sends what it finds.
 * @internal
 */
export interface JsonSink {
  /** The text of one JSON value, and the line where it starts. */
  record(text: string, line: number): void;
  /** An oversized record that was skipped (only with `skip`). */
  bad(line: number, kind: string, reason: string): void;
  /**
   * An NDJSON line that lies whole in one text chunk, as the range `[start, end)` of `text` (the
   * line end excluded, a carriage return kept, as `record` gets it), in place of `record`: a reader
   * of a few fields scans them in place without a string per line. Blank lines are not given.
   */
  line?(text: string, start: number, end: number, line: number): void;
}

/**
 * A streaming cutter: `push` text chunks in order, then `end`.
 * @internal
 */
export interface JsonCutter {
  push(text: string): void;
  end(): void;
}

const tooLarge = (max: number): string => `a record longer than ${max.toLocaleString("en-US")} characters (maxRecordSize)`;

/**
 * Cut NDJSON text into lines (blank lines are skipped). A line longer than `maxRecordSize`
 * characters is `RECORD_TOO_LARGE`, or with `skip` reported to `sink.bad` and dropped without
 * being kept in memory. A sink with `line` gets each line that lies whole in one text chunk as a
 * range of the chunk (no string made), and the others as `record`. O(characters), one pass.
 * @param fn - The public function, first in error messages.
 * @param maxRecordSize - The longest line allowed, in characters.
 * @param skip - Skip oversized lines instead of throwing.
 * @param sink - Receives the lines.
 * @returns The cutter.
 * @throws `RECORD_TOO_LARGE` with `details.line`.
 * @internal
 * @example
 * ```ts
 * const out = [];
 * const c = ndjsonCutter("f", 100, false, { record: (s, line) => out.push([line, s]), bad: () => {} });
 * c.push('{"a":1}\n\n{"a"');
 * c.push(":2}\n");
 * c.end();
 * out; //=> [[1, '{"a":1}'], [3, '{"a":2}']]
 * ```
 */
export function ndjsonCutter(fn: string, maxRecordSize: number, skip: boolean, sink: JsonSink): JsonCutter {
  const whole = sink.line?.bind(sink);
  let line = 1;
  let pieces: string[] = [];
  let pending = 0;
  let dropping = false;
  const over = (): void => {
    if (!skip) fail(fn, "RECORD_TOO_LARGE", `line ${line}: ${tooLarge(maxRecordSize)}`, undefined, { line });
    sink.bad(line, "record too large", tooLarge(maxRecordSize));
  };
  const emit = (s: string): void => {
    if (s.length > maxRecordSize) over();
    else if (s.trim() !== "") sink.record(s, line);
  };
  return {
    push(t: string): void {
      let from = 0;
      for (let nl = t.indexOf("\n"); nl >= 0; nl = t.indexOf("\n", from)) {
        if (dropping) dropping = false;
        else if (pieces.length === 0) {
          if (whole === undefined) emit(t.slice(from, nl));
          else if (nl - from > maxRecordSize) over();
          // blank as `trim` has it (a line that opens an object is not: no string is made for it)
          else if (t.charCodeAt(from) === 123 || t.slice(from, nl).trim() !== "") whole(t, from, nl, line);
        } else {
          pieces.push(t.slice(from, nl));
          emit(pieces.join(""));
          pieces = [];
          pending = 0;
        }
        line++;
        from = nl + 1;
      }
      if (from === t.length || dropping) return;
      pending += t.length - from;
      if (pending > maxRecordSize) {
        over();
        pieces = [];
        pending = 0;
        dropping = true;
        return;
      }
      pieces.push(from === 0 ? t : t.slice(from));
    },
    end(): void {
      if (pieces.length > 0 && !dropping) emit(pieces.join(""));
      pieces = [];
    },
  };
}

/**
 * Cut a JSON array into the texts of its top-level elements (strings, escapes and nesting
 * tracked), each with the line where it starts. An element longer than `maxRecordSize` characters
 * is `RECORD_TOO_LARGE`, or with `skip` reported to `sink.bad` and dropped. O(characters).
 * @param fn - The public function, first in error messages.
 * @param maxRecordSize - The longest element allowed, in characters.
 * @param skip - Skip oversized elements instead of throwing.
 * @param sink - Receives the elements.
 * @returns The cutter.
 * @throws `INVALID_INPUT` when the text is not one JSON array (with its line); `RECORD_TOO_LARGE`.
 * @internal
 * @example
 * ```ts
 * const out = [];
 * const c = jsonArrayCutter("f", 100, false, { record: (s, line) => out.push([line, s]), bad: () => {} });
 * c.push('[{"a": "]"},\n {"a": [2]}]');
 * c.end();
 * out; //=> [[1, '{"a": "]"}'], [2, '{"a": [2]}']]
 * ```
 */
export function jsonArrayCutter(fn: string, maxRecordSize: number, skip: boolean, sink: JsonSink): JsonCutter {
  let line = 1;
  let state = "before" as "before" | "between" | "value" | "after";
  let depth = 0;
  let inString = false;
  let escaped = false;
  let pieces: string[] = [];
  let pending = 0;
  let dropping = false;
  let startLine = 1;
  const close = (text: string): void => {
    if (dropping) dropping = false;
    else {
      pieces.push(text);
      const s = pieces.join("");
      if (s.length > maxRecordSize) {
        if (!skip) fail(fn, "RECORD_TOO_LARGE", `line ${startLine}: ${tooLarge(maxRecordSize)}`, undefined, { line: startLine });
        sink.bad(startLine, "record too large", tooLarge(maxRecordSize));
      } else sink.record(s, startLine);
    }
    pieces = [];
    pending = 0;
  };
  return {
    push(t: string): void {
      let from = 0;
      for (let i = 0; i < t.length; i++) {
        const ch = t.charCodeAt(i);
        if (ch === 10) line++;
        if (state === "value") {
          if (inString) {
            if (escaped) escaped = false;
            else if (ch === 92) escaped = true;
            else if (ch === 34) inString = false;
            continue;
          }
          if (ch === 34) inString = true;
          else if (ch === 123 || ch === 91) depth++;
          else if (ch === 125 || ch === 93) {
            if (depth === 0) {
              // the end of the array
              close(t.slice(from, i));
              state = "after";
              continue;
            }
            depth--;
          } else if (ch === 44 && depth === 0) {
            close(t.slice(from, i));
            state = "between";
          }
          continue;
        }
        if (ch === 32 || ch === 9 || ch === 13 || ch === 10) continue;
        if (state === "before") {
          if (ch !== 91) fail(fn, "INVALID_INPUT", `line ${line}: expected a JSON array of objects, got ${describe(t[i])} first (use format "ndjson" for one object per line)`, undefined, { line });
          state = "between";
        } else if (state === "between") {
          if (ch === 93) {
            state = "after";
            continue;
          }
          state = "value";
          startLine = line;
          from = i;
          depth = 0;
          inString = false;
          i--; // read the value's first character again, in the value state
        } else {
          fail(fn, "INVALID_INPUT", `line ${line}: unexpected ${describe(t[i])} after the end of the JSON array`, undefined, { line });
        }
      }
      if (state !== "value" || dropping) return;
      pending += t.length - from;
      if (pending > maxRecordSize) {
        if (!skip) fail(fn, "RECORD_TOO_LARGE", `line ${startLine}: ${tooLarge(maxRecordSize)}`, undefined, { line: startLine });
        sink.bad(startLine, "record too large", tooLarge(maxRecordSize));
        pieces = [];
        dropping = true;
        return;
      }
      pieces.push(from === 0 ? t : t.slice(from));
    },
    end(): void {
      if (state !== "after") fail(fn, "INVALID_INPUT", `line ${line}: the JSON array is not closed`, undefined, { line });
    },
  };
}
