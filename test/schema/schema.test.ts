import { describe, expect, test } from "vitest";
import { CxMetricsError, type CxMetricsErrorCode } from "../../src/index";
import { parseSurveyResponses, type SurveyIssue, surveyResponseJsonSchema } from "../../src/schema/index";

/** Freeze an array and every object in it (deeply), so that a function that mutates its input fails. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The CxMetricsError thrown by `call`; fails the test (with what happened) when there is none. */
function catchCx(call: () => unknown): CxMetricsError {
  let result: unknown;
  try {
    result = call();
  } catch (e) {
    if (e instanceof CxMetricsError) return e;
    throw new Error(`expected a CxMetricsError, got ${String(e)}`);
  }
  throw new Error(`expected a CxMetricsError, but the call returned ${JSON.stringify(result)}`);
}

interface Details {
  issues: SurveyIssue[];
  invalidRows: number;
  totalIssues: number;
}

function expectInvalid(call: () => unknown, code: CxMetricsErrorCode = "INVALID_INPUT"): CxMetricsError & { details: Details } {
  const e = catchCx(call);
  expect.soft(e.code, e.message).toBe(code);
  expect.soft(e.message).toMatch(/^parseSurveyResponses: /);
  return e as CxMetricsError & { details: Details };
}

describe("parseSurveyResponses", () => {
  test("parseSurveyResponses(rows) accepts valid rows of each kind with their optional fields", () => {
    const input = deepFreeze([
      {
        kind: "nps",
        score: 9,
        respondentId: "r-1",
        channel: "web",
        timestamp: "2024-05-01T10:00:00+02:00",
        weight: 1.5,
      },
      { kind: "nps", score: null },
      { kind: "nps", score: 0, timestamp: "2024-05-01T10:00:00.123-05:30", respondentId: 17 },
      { kind: "nps", score: 10, timestamp: "2024-05-01T08:00:00Z", weight: 0 },
      { kind: "csat", score: 5 },
      { kind: "csat", score: 7, scale: { min: 1, max: 7 }, timestamp: "2024-05-01" },
      { kind: "csat", score: 0, scale: { min: 0, max: 10 }, channel: "email" },
      { kind: "ces", score: 7 },
      { kind: "ces", score: 6, version: "2.0", timestamp: 1714550400000 },
      { kind: "ces", score: 5, version: "1.0", respondentId: 42, timestamp: 0 },
      { kind: "ces", score: null, version: "1.0" },
    ] as const);
    const rows = parseSurveyResponses(input);
    expect(rows).toEqual(input);
    expect(rows).toHaveLength(11);
  });

  test("parseSurveyResponses accepts ISO date-times with an offset, dates and epoch milliseconds, and refuses a date-time without offset", () => {
    for (const timestamp of ["2024-05-01T10:00:00+02:00", "2024-05-01T10:00:00Z", "2024-02-29", 1714550400000, -1]) {
      expect(parseSurveyResponses([{ kind: "nps", score: 9, timestamp }])[0]!.timestamp).toBe(timestamp);
    }
    for (const timestamp of ["2024-05-01T10:00:00", "2024-02-30", "yesterday", Number.NaN, Number.POSITIVE_INFINITY, true]) {
      const e = expectInvalid(() => parseSurveyResponses([{ kind: "nps", score: 9, timestamp }]));
      expect.soft(e.details.issues, String(timestamp)).toEqual([{ index: 0, path: ["timestamp"], message: expect.stringMatching(/^expected/) }]);
    }
  });

  test("parseSurveyResponses(json) parses a JSON string first", () => {
    const rows = parseSurveyResponses('[{"score": 9, "channel": "web"}, {"score": null}]', { kind: "nps" });
    // The doc comment's own example.
    expect(rows).toEqual([{ kind: "nps", score: 9, channel: "web" }, { kind: "nps", score: null }]);
    expect(parseSurveyResponses('[{"kind": "ces", "score": 3, "version": "1.0"}]')).toEqual([{ kind: "ces", score: 3, version: "1.0" }]);
    expect(parseSurveyResponses("[]")).toEqual([]);
  });

  test("the kind option fills rows without kind and keeps rows that already have it", () => {
    const input = deepFreeze([{ score: 4 }, { kind: "csat", score: 5 }, { score: 3, scale: { min: 1, max: 3 } }]);
    expect(parseSurveyResponses(input, { kind: "csat" })).toEqual([
      { kind: "csat", score: 4 },
      { kind: "csat", score: 5 },
      { kind: "csat", score: 3, scale: { min: 1, max: 3 } },
    ]);
    expect(parseSurveyResponses([{ score: 2 }], { kind: "ces" })).toEqual([{ kind: "ces", score: 2 }]);
  });

  test("a row without kind and without the kind option is invalid", () => {
    const e = expectInvalid(() => parseSurveyResponses([{ score: 5 }]));
    expect(e.details.issues).toEqual([{ index: 0, path: ["kind"], message: expect.stringMatching(/^expected/) }]);
  });

  test("a row of another kind than the kind option is invalid and reported at path kind", () => {
    const e = expectInvalid(() => parseSurveyResponses([{ kind: "nps", score: 9 }, { kind: "csat", score: 5 }], { kind: "nps" }));
    expect(e.index).toBe(1);
    expect(e.details).toMatchObject({ invalidRows: 1, totalIssues: 1 });
    expect(e.details.issues).toHaveLength(1);
    expect(e.details.issues[0]).toMatchObject({ index: 1, path: ["kind"] });
  });

  test("the issue for a row of another kind says what was expected (SurveyIssue.message)", () => {
    // SurveyIssue.message is documented as "What was expected"; every other issue starts with "expected".
    const e = expectInvalid(() => parseSurveyResponses([{ kind: "csat", score: 5 }], { kind: "nps" }));
    expect(e.details.issues[0]?.message).toMatch(/^expected .*nps/);
  });

  test("invalid rows are listed with index, path and message in error.details.issues", () => {
    const input = deepFreeze([
      { kind: "nps", score: 9 }, // valid
      { kind: "nps", score: 11 },
      { kind: "nps", score: 4.5 },
      { kind: "csat", score: 6 },
      { kind: "ces", score: 6, version: "1.0" },
      { kind: "ces", score: 8 },
      { kind: "nps", score: "9" },
      { kind: "nps", score: 9, weight: -1 },
      { kind: "nps", score: 9, channel: 3 },
      { kind: "nps", score: 9, respondentId: {} },
      { kind: "ces", score: 3, version: "3.0" },
      { kind: "csat", score: 3, scale: { min: 5, max: 1 } },
      null,
      42,
      { kind: "nps" },
    ]);
    const e = expectInvalid(() => parseSurveyResponses(input));
    expect(e.index).toBe(1);
    expect(e.message).toMatch(/^parseSurveyResponses: 14 of 15 rows are invalid: row 1 score: expected a score from 0 to 10; /);
    expect(e.details.invalidRows).toBe(14);
    expect(e.details.totalIssues).toBe(e.details.issues.length);
    const byRow = (i: number) => e.details.issues.filter((s) => s.index === i);
    expect(byRow(0)).toEqual([]);
    expect(byRow(1)).toEqual([{ index: 1, path: ["score"], message: "expected a score from 0 to 10" }]);
    expect(byRow(2)).toEqual([{ index: 2, path: ["score"], message: "expected an integer score or null" }]);
    expect(byRow(3)).toEqual([{ index: 3, path: ["score"], message: "expected a score from 1 to 5" }]);
    expect(byRow(4)).toEqual([{ index: 4, path: ["score"], message: "expected a score from 1 to 5" }]);
    expect(byRow(5)).toEqual([{ index: 5, path: ["score"], message: "expected a score from 1 to 7" }]);
    expect(byRow(6)).toEqual([{ index: 6, path: ["score"], message: "expected an integer score or null" }]);
    expect(byRow(7)).toEqual([{ index: 7, path: ["weight"], message: "expected a non-negative weight" }]);
    expect(byRow(8)).toEqual([{ index: 8, path: ["channel"], message: "expected a string" }]);
    expect(byRow(9)).toEqual([{ index: 9, path: ["respondentId"], message: "expected a string or a number" }]);
    expect(byRow(10)).toEqual([{ index: 10, path: ["version"], message: 'expected version "2.0" or "1.0"' }]);
    expect(byRow(11)).toContainEqual({ index: 11, path: ["scale"], message: "expected min < max" });
    expect(byRow(12)).toEqual([{ index: 12, path: [], message: 'expected an object with kind "nps", "csat" or "ces"' }]);
    expect(byRow(13)).toEqual([{ index: 13, path: [], message: 'expected an object with kind "nps", "csat" or "ces"' }]);
    expect(byRow(14)).toEqual([{ index: 14, path: ["score"], message: "expected an integer score or null" }]);
  });

  test("every problem of one row is listed", () => {
    const e = expectInvalid(() => parseSurveyResponses([{ kind: "nps", score: 11, weight: -1, channel: 3 }]));
    expect(e.details.invalidRows).toBe(1);
    expect(e.details.totalIssues).toBe(3);
    expect(e.details.issues.map((s) => s.path[0]).sort()).toEqual(["channel", "score", "weight"]);
  });

  test("maxIssues caps the list while totalIssues and invalidRows count everything", () => {
    const input = deepFreeze([
      { kind: "nps", score: 11 },
      { kind: "nps", score: 12, weight: -1 },
      { kind: "nps", score: 9 },
      { kind: "nps", score: 13 },
    ]);
    const e = expectInvalid(() => parseSurveyResponses(input, { maxIssues: 1 }));
    expect(e.details).toEqual({
      issues: [{ index: 0, path: ["score"], message: "expected a score from 0 to 10" }],
      invalidRows: 3,
      totalIssues: 4,
    });
    // maxIssues must be at least 1, so that the error always names a first offending row
    expect(() => parseSurveyResponses(input, { maxIssues: 0 })).toThrow(expect.objectContaining({ code: "INVALID_OPTION" }));
  });

  test("maxIssues defaults to 20 and the message shows the first five issues", () => {
    const input = deepFreeze(Array.from({ length: 30 }, () => ({ kind: "nps", score: 11 })));
    const e = expectInvalid(() => parseSurveyResponses(input));
    expect(e.details.issues).toHaveLength(20);
    expect(e.details.totalIssues).toBe(30);
    expect(e.details.invalidRows).toBe(30);
    expect(e.message.match(/row \d+ score/g)).toHaveLength(5);
    expect(e.message).toMatch(/\(and 25 more issues\)$/);
  });

  test("unknown fields are stripped", () => {
    const rows = parseSurveyResponses(deepFreeze([{ kind: "nps", score: 9, extra: 1, nested: { a: 1 } }]));
    expect(rows).toEqual([{ kind: "nps", score: 9 }]);
    expect(Object.keys(rows[0]!)).toEqual(["kind", "score"]);
  });

  test("a __proto__ key in JSON neither pollutes Object.prototype nor survives", () => {
    const rows = parseSurveyResponses('[{"score": 9, "__proto__": {"polluted": 1}}]', { kind: "nps" });
    expect(rows).toEqual([{ kind: "nps", score: 9 }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((rows[0] as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("input that is not an array, or not JSON, throws INVALID_INPUT", () => {
    for (const input of [42, null, undefined, { kind: "nps", score: 9 }, '{"kind": "nps", "score": 9}', "9", true]) {
      const e = expectInvalid(() => parseSurveyResponses(input));
      expect.soft(e.index, String(input)).toBeUndefined();
      expect.soft(e.message, String(input)).toMatch(/expected an array of rows/);
    }
    for (const input of ["[{", "", "not json", "[1,]"]) {
      const e = expectInvalid(() => parseSurveyResponses(input));
      expect.soft(e.message, input).toMatch(/^parseSurveyResponses: expected JSON/);
    }
  });

  test("bad options throw INVALID_OPTION", () => {
    expectInvalid(() => parseSurveyResponses([], { kind: "csi" as never }), "INVALID_OPTION");
    expectInvalid(() => parseSurveyResponses([], { kind: Object.create(null) }), "INVALID_OPTION"); // fuzz: was a TypeError
    expectInvalid(() => parseSurveyResponses([], { maxIssues: -1 }), "INVALID_OPTION");
    expectInvalid(() => parseSurveyResponses([], { maxIssues: 1.5 }), "INVALID_OPTION");
    expectInvalid(() => parseSurveyResponses([], { maxIssues: Number.NaN }), "INVALID_OPTION");
  });

  test("an empty array is valid and gives no rows", () => {
    expect(parseSurveyResponses([])).toEqual([]);
    expect(parseSurveyResponses([], { kind: "nps" })).toEqual([]);
  });

  test("the returned rows are new objects and the input is not changed", () => {
    const input = [
      { kind: "nps", score: 9, scaleless: true },
      { score: 5, scale: { min: 1, max: 5 } },
    ];
    const snapshot = structuredClone(input);
    const rows = parseSurveyResponses(input.slice(0, 1));
    expect(rows[0]).not.toBe(input[0]);
    const csatRows = parseSurveyResponses(input.slice(1), { kind: "csat" });
    expect(csatRows[0]).not.toBe(input[1]);
    expect((csatRows[0] as { scale?: object }).scale).not.toBe(input[1]!.scale);
    expect(input).toEqual(snapshot);
    expect("kind" in input[1]!).toBe(false);
    // Frozen input is accepted as is.
    expect(parseSurveyResponses(deepFreeze(structuredClone(snapshot)), { kind: "nps" })[0]).toEqual({ kind: "nps", score: 9 });
  });
});

describe("surveyResponseJsonSchema", () => {
  test("surveyResponseJsonSchema(\"nps\") bounds the score from 0 to 10 and allows null", () => {
    const s = surveyResponseJsonSchema("nps");
    expect(s.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(s.type).toBe("object");
    expect(s.properties.kind).toEqual({ type: "string", const: "nps" });
    expect(s.properties.score.anyOf).toContainEqual({ type: "integer", minimum: 0, maximum: 10 });
    expect(s.properties.score.anyOf).toContainEqual({ type: "null" });
    expect(s.properties.weight).toEqual({ type: "number", minimum: 0, maximum: 1e100 });
    expect(s.properties.channel).toEqual({ type: "string" });
    expect([...s.required].sort()).toEqual(["kind", "score"]);
    expect(Object.keys(s.properties).sort()).toEqual(["channel", "kind", "respondentId", "score", "timestamp", "weight"]);
  });

  test("surveyResponseJsonSchema(\"csat\") has an optional scale and leaves the scale-dependent score range out", () => {
    const s = surveyResponseJsonSchema("csat");
    expect(s.properties.kind).toEqual({ type: "string", const: "csat" });
    expect(s.properties.scale.type).toBe("object");
    expect([...s.properties.scale.required].sort()).toEqual(["max", "min"]);
    expect(s.required).not.toContain("scale");
    const intBranch = s.properties.score.anyOf.find((b: { type: string }) => b.type === "integer");
    expect(intBranch).toBeDefined();
    // Documented: the range that depends on `scale` is not expressible and is left out.
    expect(intBranch.maximum === undefined || intBranch.maximum > 1000).toBe(true);
  });

  test("surveyResponseJsonSchema(\"ces\") bounds the score from 1 to 7 and lists the versions", () => {
    const s = surveyResponseJsonSchema("ces");
    expect(s.properties.kind).toEqual({ type: "string", const: "ces" });
    expect(s.properties.score.anyOf).toContainEqual({ type: "integer", minimum: 1, maximum: 7 });
    expect(s.properties.version.enum).toEqual(["2.0", "1.0"]);
    expect(s.required).not.toContain("version");
  });

  test("surveyResponseJsonSchema() is the union of the three kinds (oneOf with 3 entries)", () => {
    const s = surveyResponseJsonSchema();
    expect(s.oneOf).toHaveLength(3);
    expect(s.oneOf.map((b: { properties: { kind: { const: string } } }) => b.properties.kind.const)).toEqual(["nps", "csat", "ces"]);
    const { $schema: _ignored, ...nps } = surveyResponseJsonSchema("nps");
    expect(s.oneOf[0]).toEqual(nps);
  });

  test("surveyResponseJsonSchema serializes with JSON.stringify and returns a fresh object each call", () => {
    const a = surveyResponseJsonSchema("nps");
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    a.properties.score = "changed";
    expect(surveyResponseJsonSchema("nps").properties.score).not.toBe("changed");
  });

  test("surveyResponseJsonSchema with an unknown kind throws INVALID_OPTION", () => {
    const e = catchCx(() => surveyResponseJsonSchema("csi" as never));
    expect(e.code).toBe("INVALID_OPTION");
    expect(e.message).toMatch(/^surveyResponseJsonSchema: /);
  });

  test.each([
    ["an object without toString (fuzz: was a TypeError)", Object.create(null)],
    ["a symbol", Symbol("nps")],
    ["an object", { kind: "nps" }],
  ])("surveyResponseJsonSchema with a kind that is %s throws INVALID_OPTION", (_what, kind) => {
    expect(catchCx(() => surveyResponseJsonSchema(kind as never)).code).toBe("INVALID_OPTION");
  });
});
