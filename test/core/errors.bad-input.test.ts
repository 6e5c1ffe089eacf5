// CxMetricsError itself must never throw while it is being built: it is what every bad input ends
// in, and a user (or a worker message, or a JSON-revived error) may hand it anything.
import { describe, expect, test } from "vitest";
import { CxMetricsError } from "../../src/index";

/** Inputs are frozen (STYLE.md): the constructor must copy, never change, what it is given. */
const frozen = <T>(v: T): T => (v !== null && typeof v === "object" ? Object.freeze(v) : v);
const build = (message: unknown, context?: unknown) => new CxMetricsError("INVALID_INPUT", frozen(message) as string, undefined, undefined, frozen(context) as never);

describe("CxMetricsError bad arguments", () => {
  const NOT_ARRAYS: [string, unknown][] = [
    ["5", 5],
    ["null", null],
    ['"row 1"', "row 1"],
    ["{ kind: \"row\", row: 1 }", { kind: "row", row: 1 }],
    ["Object.create(null)", Object.create(null)],
    ["a Set", new Set([{ kind: "row", row: 1 }])],
  ];
  for (const [label, context] of NOT_ARRAYS) {
    test(`new CxMetricsError(code, "f: x", …, context ${label}) counts a context that is not an array as []`, () => {
      const e = build("f: x", context);
      expect(e).toBeInstanceOf(CxMetricsError);
      expect(e.context).toEqual([]);
      expect(e.message).toBe("f: x");
    });
  }

  test("new CxMetricsError skips context entries of an unknown kind or with a field of the wrong type, and keeps the good ones in order", () => {
    const context = Object.freeze([
      null,
      5,
      {},
      { kind: "cell" },
      { kind: "row" },
      { kind: "row", row: Object.create(null) },
      { kind: "metric", key: 10n },
      { kind: "lag", lag: Symbol("x") },
      { kind: "toString", row: 1 },
      { kind: "metric", key: "nps" },
      { kind: "row", row: 7 },
    ]);
    const e = build("evaluatePortfolio: bad score", context);
    expect(e.context).toEqual([{ kind: "metric", key: "nps" }, { kind: "row", row: 7 }]);
    expect(e.message).toBe('evaluatePortfolio: metric "nps", row 7: bad score');
    expect(e.fn).toBe("evaluatePortfolio");
  });

  const MESSAGES: [string, unknown, string][] = [
    ["a number", 42, "42"],
    ["undefined", undefined, "undefined"],
    ["null", null, "null"],
    ["a Symbol", Symbol("s"), "Symbol(s)"],
    ["Object.create(null)", Object.create(null), "object"],
    ["an object whose toString throws", { toString: () => { throw new Error("no"); } }, "object"],
    ["a BigInt", 10n, "10"],
  ];
  for (const [label, message, text] of MESSAGES) {
    test(`new CxMetricsError(code, ${label}) takes the message's text without throwing`, () => {
      const e = build(message);
      expect(e).toBeInstanceOf(CxMetricsError);
      expect(e.code).toBe("INVALID_INPUT");
      expect(e.message).toBe(text);
      expect(e.reason).toBe(text);
      expect(e.fn).toBe("");
    });
  }
});
