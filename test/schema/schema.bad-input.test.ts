// Bad input to the schema validators: rows that are not what they should be (every invalid row is
// listed with its index, path and reason in error.details.issues), input that is not an array or
// not JSON, and bad options. Accepted rows and the JSON Schemas: schema.test.ts, subscription.test.ts.
import { describe, expect, it, test } from "vitest";
import { CxMetricsError } from "../../src/index";
import { parseSubscriptions, parseSurveyResponses, surveyResponseJsonSchema } from "../../src/schema/index";
import { catchCx, deepFreeze, expectInvalid } from "../helpers/schema";

describe("parseSurveyResponses", () => {
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
});

describe("surveyResponseJsonSchema", () => {
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

describe("parseSubscriptions", () => {
  it("lists every invalid row with its index, field and reason", () => {
    try {
      parseSubscriptions([
        { customerId: "a", start: "2024-02-01", end: "2024-01-01" },
        { customerId: null, start: "2024-01-01" },
        { customerId: "b", start: "2024-01-01T10:00:00", mrr: -5 },
        { customerId: "c", start: "2024-01-01" },
      ]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CxMetricsError);
      const err = e as CxMetricsError;
      expect(err.code).toBe("INVALID_INPUT");
      expect(err.message.startsWith("parseSubscriptions: 3 of 4 rows are invalid")).toBe(true);
      const issues = (err.details as { issues: { index: number; path: string[]; message: string }[] }).issues;
      expect(issues.map((i) => [i.index, i.path.join(".")])).toEqual([
        [0, "end"],
        [1, "customerId"],
        [2, "start"], // a date-time without an offset is ambiguous
        [2, "mrr"],
      ]);
      expect(issues[0]!.message).toBe("expected the end after the start");
    }
  });
});
