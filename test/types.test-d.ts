// Type tests: run by `vitest --typecheck` (vitest.config.ts enables typecheck for
// test/**/*.test-d.ts) and by `tsc --noEmit` (tsconfig includes test/). Every `@ts-expect-error`
// line proves that a misuse does not compile; if the library ever accepts it, the unused directive
// itself becomes a compile error.
import { describe, expectTypeOf, test } from "vitest";
import {
  type Accessor,
  type CesResult,
  type CesSummary,
  type CesVersion,
  type CompareCesResult,
  type CompareCsatResult,
  type CompareNpsResult,
  type CsatResult,
  type CsatSummary,
  CxMetricsError,
  type CxMetricsErrorCode,
  type CxErrorContext,
  ces,
  cesFromSummary,
  cesSummary,
  compareCes,
  compareCsat,
  compareNps,
  csat,
  csatFromSummary,
  csatSummary,
  mergeCesSummaries,
  mergeCsatSummaries,
  mergeNpsSummaries,
  type NpsMethod,
  type NpsOptions,
  type NpsResult,
  type NpsSample,
  type NpsSampleSizeResult,
  type NpsSummary,
  nps,
  npsFromCounts,
  npsFromSummary,
  npsSampleSize,
  npsSummary,
} from "../src/index";
import {
  type CesResponse,
  type CsatResponse,
  type NpsResponse,
  parseSurveyResponses,
  type SurveyKind,
  type SurveyResponse,
  surveyResponseJsonSchema,
} from "../src/schema/index";

type Row = { score: number; channel: string };
declare const rows: Row[];
declare const values: number[];
declare const withMissing: (number | null | undefined)[];

describe("nps types", () => {
  test("nps(values) returns NpsResult for numbers, missing values and typed arrays", () => {
    expectTypeOf(nps(values)).toEqualTypeOf<NpsResult>();
    expectTypeOf(nps(withMissing)).toEqualTypeOf<NpsResult>();
    expectTypeOf(nps(Uint8Array.of(9, 10))).toEqualTypeOf<NpsResult>();
    expectTypeOf(nps(values, { confidence: 0.9, method: "tango" })).toEqualTypeOf<NpsResult>();
  });

  test("nps(rows, accessor) infers the row type for the accessor and the weight function", () => {
    const r = nps(rows, (row, i) => {
      expectTypeOf(row).toEqualTypeOf<Row>();
      expectTypeOf(i).toEqualTypeOf<number>();
      return row.score;
    });
    expectTypeOf(r).toEqualTypeOf<NpsResult>();
    nps(rows, (row) => row.score, {
      weights: (row, i) => {
        expectTypeOf(row).toEqualTypeOf<Row>();
        expectTypeOf(i).toEqualTypeOf<number>();
        return row.channel === "web" ? 2 : 1;
      },
    });
  });

  test("the accessor must return number | bigint | null | undefined", () => {
    expectTypeOf<ReturnType<Accessor<Row>>>().toEqualTypeOf<number | bigint | null | undefined>();
    nps(rows, (row) => (row.channel === "" ? null : row.score));
    nps(rows, () => undefined);
    nps(rows, () => 10n);
    nps(new Set([10, 9]));
    nps([10n, 9, null]);
    // @ts-expect-error an accessor returning a string does not compile
    nps(rows, (row) => row.channel);
    // @ts-expect-error nor one returning a boolean
    nps(rows, (row) => row.score > 8);
    // @ts-expect-error a weight function must return a number
    nps(rows, (row) => row.score, { weights: (row) => row.channel });
  });

  test("rows without an accessor do not compile", () => {
    // @ts-expect-error rows need an accessor
    nps(rows);
    // @ts-expect-error an array of strings is not a score list
    nps(["9", "10"]);
  });

  test("option typos are rejected in object literals", () => {
    // Checked: TypeScript applies the excess-property check to an object literal passed to either
    // overload (the options overload and the accessor overload both reject it).
    // @ts-expect-error `confidnce` is not an option of nps
    nps(values, { confidnce: 0.9 });
    // @ts-expect-error same in the accessor form
    nps(rows, (row) => row.score, { confidnce: 0.9 });
    // @ts-expect-error same for npsSummary
    npsSummary(values, { confidnce: 0.9 });
    // @ts-expect-error same for compareNps
    compareNps(values, values, { confidnce: 0.9 });
    // @ts-expect-error same for csat
    csat(values, { satisifedMin: 4 });
    // @ts-expect-error same for ces
    ces(values, { verison: "1.0" });
  });

  test("option typos in a variable are caught only when nothing else matches (weak type check)", () => {
    const onlyTypo = { confidnce: 0.9 };
    // @ts-expect-error no property in common with NpsOptions (TypeScript's weak-type check)
    nps(values, onlyTypo);
    // Limitation, not a guarantee: a non-literal object with one valid option and one typo compiles,
    // because excess-property checks apply to object literals only.
    const typoAndValid = { confidnce: 0.9, method: "wald" as const };
    expectTypeOf(nps(values, typoAndValid)).toEqualTypeOf<NpsResult>();
  });

  test("method accepts only the three interval methods", () => {
    expectTypeOf<NpsMethod>().toEqualTypeOf<"wald" | "adjusted-wald" | "tango">();
    expectTypeOf<NonNullable<NpsOptions["method"]>>().toEqualTypeOf<NpsMethod>();
    nps(values, { method: "wald" });
    nps(values, { method: "adjusted-wald" });
    nps(values, { method: "tango" });
    // @ts-expect-error not an NPS interval method
    nps(values, { method: "exact" });
    compareNps(values, values, { method: "tango" });
    // @ts-expect-error not an NPS interval method
    compareNps(values, values, { method: "exact" });
  });

  test("confidence must be a number", () => {
    // @ts-expect-error a string confidence does not compile
    nps(values, { confidence: "0.95" });
  });

  test("npsSummary returns NpsSummary and npsFromSummary/npsFromCounts return NpsResult", () => {
    expectTypeOf(npsSummary(values)).toEqualTypeOf<NpsSummary>();
    expectTypeOf(npsSummary(rows, (row) => row.score)).toEqualTypeOf<NpsSummary>();
    expectTypeOf(npsFromSummary(npsSummary(values))).toEqualTypeOf<NpsResult>();
    expectTypeOf(npsFromCounts({ promoters: 1, passives: 2, detractors: 3 })).toEqualTypeOf<NpsResult>();
    expectTypeOf<NpsSummary["kind"]>().toEqualTypeOf<"nps">();
    // @ts-expect-error npsFromSummary options are confidence and method only (no weights)
    npsFromSummary(npsSummary(values), { weights: [1] });
    // @ts-expect-error npsFromCounts needs all three counts
    npsFromCounts({ promoters: 1, passives: 2 });
  });

  test("mergeNpsSummaries accepts only NpsSummary", () => {
    const s = npsSummary(values);
    expectTypeOf(mergeNpsSummaries(s, s, s)).toEqualTypeOf<NpsSummary>();
    expectTypeOf(mergeNpsSummaries).parameters.toEqualTypeOf<NpsSummary[]>();
    // @ts-expect-error a CsatSummary is not an NpsSummary
    mergeNpsSummaries(s, csatSummary(values));
    // @ts-expect-error nor is a CesSummary
    mergeNpsSummaries(cesSummary(values));
    // @ts-expect-error nor are plain counts
    mergeNpsSummaries({ promoters: 1, passives: 0, detractors: 0 });
  });

  test("compareNps accepts score arrays, counts and summaries", () => {
    const counts = { promoters: 5, passives: 3, detractors: 2 };
    expectTypeOf(compareNps(values, values)).toEqualTypeOf<CompareNpsResult>();
    expectTypeOf(compareNps(withMissing, counts)).toEqualTypeOf<CompareNpsResult>();
    expectTypeOf(compareNps(npsSummary(values), Float64Array.of(9))).toEqualTypeOf<CompareNpsResult>();
    expectTypeOf(compareNps).parameter(0).toEqualTypeOf<NpsSample>();
    expectTypeOf(compareNps).parameter(1).toEqualTypeOf<NpsSample>();
    expectTypeOf(compareNps(values, values).a).toEqualTypeOf<NpsResult>();
    // @ts-expect-error a CSAT summary is not an NPS sample
    compareNps(csatSummary(values), values);
  });

  test("npsSampleSize requires marginOfError", () => {
    expectTypeOf(npsSampleSize({ marginOfError: 5 })).toEqualTypeOf<NpsSampleSizeResult>();
    // @ts-expect-error marginOfError is required
    npsSampleSize({ confidence: 0.9 });
  });
});

describe("csat and ces types", () => {
  test("csat functions are typed", () => {
    expectTypeOf(csat(values)).toEqualTypeOf<CsatResult>();
    expectTypeOf(csat(rows, (row) => row.score, { scale: { min: 1, max: 7 }, satisfiedMin: 6 })).toEqualTypeOf<CsatResult>();
    expectTypeOf(csatSummary(values)).toEqualTypeOf<CsatSummary>();
    expectTypeOf(csatFromSummary(csatSummary(values))).toEqualTypeOf<CsatResult>();
    expectTypeOf(mergeCsatSummaries(csatSummary(values))).toEqualTypeOf<CsatSummary>();
    expectTypeOf(compareCsat(values, csatSummary(values))).toEqualTypeOf<CompareCsatResult>();
    expectTypeOf(csat(values).sd).toEqualTypeOf<number | null>();
    expectTypeOf(csat(values).ci).toEqualTypeOf<[number, number]>();
    expectTypeOf<CsatSummary["kind"]>().toEqualTypeOf<"csat">();
    // @ts-expect-error an NPS summary is not a CSAT summary
    mergeCsatSummaries(npsSummary(values));
    // @ts-expect-error a CES summary is not a CSAT summary (the kinds differ)
    csatFromSummary(cesSummary(values));
    // @ts-expect-error the accessor must return a number
    csat(rows, (row) => row.channel);
  });

  test("ces functions are typed", () => {
    expectTypeOf(ces(values)).toEqualTypeOf<CesResult>();
    expectTypeOf(ces(rows, (row) => row.score, { version: "1.0" })).toEqualTypeOf<CesResult>();
    expectTypeOf(cesSummary(values)).toEqualTypeOf<CesSummary>();
    expectTypeOf(cesFromSummary(cesSummary(values))).toEqualTypeOf<CesResult>();
    expectTypeOf(mergeCesSummaries(cesSummary(values))).toEqualTypeOf<CesSummary>();
    expectTypeOf(compareCes(values, cesSummary(values))).toEqualTypeOf<CompareCesResult>();
    expectTypeOf(ces(values).se).toEqualTypeOf<number | null>();
    expectTypeOf(ces(values).version).toEqualTypeOf<CesVersion>();
    expectTypeOf(ces(values).direction).toEqualTypeOf<"higher-is-better" | "lower-is-better">();
    expectTypeOf(compareCes(values, values).method).toEqualTypeOf<"welch">();
    // @ts-expect-error a CSAT summary is not a CES summary
    mergeCesSummaries(csatSummary(values));
  });

  test("CesVersion is only \"2.0\" | \"1.0\"", () => {
    expectTypeOf<CesVersion>().toEqualTypeOf<"2.0" | "1.0">();
    // @ts-expect-error a number is not a version
    ces(values, { version: 2 });
    // @ts-expect-error "3.0" is not a version
    ces(values, { version: "3.0" });
    // @ts-expect-error nor in compareCes
    compareCes(values, values, { version: "2" });
  });
});

describe("schema types", () => {
  test("parseSurveyResponses with kind returns the rows of that kind", () => {
    expectTypeOf(parseSurveyResponses("[]", { kind: "nps" })).toEqualTypeOf<NpsResponse[]>();
    expectTypeOf(parseSurveyResponses([], { kind: "csat" })).toEqualTypeOf<CsatResponse[]>();
    expectTypeOf(parseSurveyResponses([], { kind: "ces", maxIssues: 3 })).toEqualTypeOf<CesResponse[]>();
    const row = parseSurveyResponses([], { kind: "nps" })[0]!;
    expectTypeOf(row.kind).toEqualTypeOf<"nps">();
    expectTypeOf(row.score).toEqualTypeOf<number | null>();
  });

  test("parseSurveyResponses without kind returns SurveyResponse[]", () => {
    expectTypeOf(parseSurveyResponses("[]")).toEqualTypeOf<SurveyResponse[]>();
    expectTypeOf(parseSurveyResponses([], { maxIssues: 5 })).toEqualTypeOf<SurveyResponse[]>();
    expectTypeOf<SurveyKind>().toEqualTypeOf<"nps" | "csat" | "ces">();
    expectTypeOf<SurveyResponse>().toEqualTypeOf<NpsResponse | CsatResponse | CesResponse>();
    // @ts-expect-error not a survey kind
    parseSurveyResponses([], { kind: "csi" });
    // @ts-expect-error not a survey kind
    surveyResponseJsonSchema("csi");
  });

  test("validated rows feed the metric functions through an accessor", () => {
    const parsed = parseSurveyResponses([], { kind: "nps" });
    expectTypeOf(nps(parsed, (r) => r.score, { weights: (r) => r.weight ?? 1 })).toEqualTypeOf<NpsResult>();
  });
});

describe("error types", () => {
  test("CxMetricsError['code'] is the CxMetricsErrorCode union", () => {
    expectTypeOf<CxMetricsError["code"]>().toEqualTypeOf<CxMetricsErrorCode>();
    expectTypeOf<CxMetricsErrorCode>().toEqualTypeOf<
      | "INVALID_SCORE"
      | "NON_FINITE"
      | "OUT_OF_RANGE"
      | "NOT_INTEGER"
      | "LENGTH_MISMATCH"
      | "EMPTY_INPUT"
      | "INVALID_OPTION"
      | "INVALID_WEIGHT"
      | "DUPLICATE_METRIC"
      | "ZERO_TOTAL_WEIGHT"
      | "INVALID_SUMMARY"
      | "INSUFFICIENT_DATA"
      | "CONSTANT_INPUT"
      | "DUPLICATE_PERIOD"
      | "INVALID_DATE"
      | "NOT_CONVERGED"
      | "IO_ERROR"
      | "MISSING_DEPENDENCY"
      | "TOO_MANY_PERIODS"
      | "RECORD_TOO_LARGE"
      | "INVALID_INPUT"
    >();
    expectTypeOf<CxMetricsError["index"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<CxMetricsError["fn"]>().toEqualTypeOf<string>();
    expectTypeOf<CxMetricsError["context"]>().toEqualTypeOf<readonly CxErrorContext[]>();
    expectTypeOf<CxMetricsError>().toExtend<Error>();
    // @ts-expect-error not a code
    const code: CxMetricsErrorCode = "NOT_A_CODE";
    void code;
  });
});
