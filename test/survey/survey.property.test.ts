// The monoid laws of the survey summary kinds (npsKind, csatKind, cesKind), checked with fast-check
// through the shared monoidLaws helper (test/helpers/monoid-laws.ts): empty is the identity, merge
// is commutative and associative, a summary survives JSON, merged parts equal the whole, and the
// empty summary finishes to EMPTY_INPUT. Each kind runs on unweighted and weighted inputs, on its
// default scale and on custom ones.
import fc from "fast-check";
import { describe } from "vitest";
import { cesKind, cesSummary, type CesVersion, csatKind, csatSummary, npsKind, type NpsScale, npsSummary, type ScoreScale } from "../../src/index";
import { monoidLaws } from "../helpers/monoid-laws";

/** One batch of answers: scores (null = no answer) and, when weighted, one weight per score. */
interface Batch {
  scores: (number | null)[];
  weights?: number[];
}

// Weights: exact zeros (an answer that does not count) and positive reals across four decades.
const weightArb = fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 100, noNaN: true }), fc.integer({ min: 1, max: 5 }));

/** Batches of answers on [min, max], with missing answers, unweighted or weighted. */
function batchArb(min: number, max: number, weighted: boolean): fc.Arbitrary<Batch> {
  const scores = fc.array(fc.oneof({ weight: 9, arbitrary: fc.integer({ min, max }) }, { weight: 1, arbitrary: fc.constant(null) }), { maxLength: 30 });
  if (!weighted) return scores.map((s) => ({ scores: s }));
  return scores.chain((s) => fc.array(weightArb, { minLength: s.length, maxLength: s.length }).map((w) => ({ scores: s, weights: w })));
}

function concat(parts: Batch[]): Batch {
  const scores = parts.flatMap((p) => p.scores);
  return parts[0]?.weights === undefined ? { scores } : { scores, weights: parts.flatMap((p) => p.weights!) };
}

const weightsOf = (b: Batch) => (b.weights === undefined ? {} : { weights: b.weights });

const NPS_SCALES: [string, NpsScale | undefined][] = [
  ["0–10", undefined],
  ["1–5 (passives 3–4, promoters 5)", { min: 1, max: 5, passiveMin: 3, promoterMin: 5 }],
];

describe("npsKind", () => {
  for (const [name, scale] of NPS_SCALES) {
    for (const weighted of [false, true]) {
      describe(`${weighted ? "weighted" : "unweighted"}, scale ${name}`, () => {
        const s = scale ?? { min: 0, max: 10, passiveMin: 7, promoterMin: 9 };
        monoidLaws(npsKind, batchArb(s.min, s.max, weighted), {
          summarize: (b) => npsSummary(b.scores, { ...weightsOf(b), scale }),
          concat,
          params: scale,
          finishOptions: weighted ? { method: "wald", confidence: 0.9 } : undefined,
        });
      });
    }
  }
});

const CSAT_SCALES: [string, ScoreScale | undefined, number | undefined][] = [
  ["1–5, top-2-box", undefined, undefined],
  ["0–10, satisfied from 9", { min: 0, max: 10 }, 9],
  ["0–1 (a share of rows)", { min: 0, max: 1 }, undefined],
];

describe("csatKind", () => {
  for (const [name, scale, satisfiedMin] of CSAT_SCALES) {
    for (const weighted of [false, true]) {
      describe(`${weighted ? "weighted" : "unweighted"}, scale ${name}`, () => {
        const s = scale ?? { min: 1, max: 5 };
        monoidLaws(csatKind, batchArb(s.min, s.max, weighted), {
          summarize: (b) => csatSummary(b.scores, { ...weightsOf(b), scale }),
          concat,
          params: scale,
          finishOptions: { satisfiedMin, confidence: 0.95 },
        });
      });
    }
  }
});

const CES_VERSIONS: [CesVersion | undefined, number][] = [
  [undefined, 7],
  ["1.0", 5],
];

describe("cesKind", () => {
  for (const [version, max] of CES_VERSIONS) {
    for (const weighted of [false, true]) {
      describe(`${weighted ? "weighted" : "unweighted"}, version ${version ?? "2.0 (default)"}`, () => {
        monoidLaws(cesKind, batchArb(1, max, weighted), {
          summarize: (b) => cesSummary(b.scores, { ...weightsOf(b), version }),
          concat,
          params: version,
          finishOptions: weighted ? { confidence: 0.99 } : undefined,
        });
      });
    }
  }
});
