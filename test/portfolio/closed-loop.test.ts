// The closed-loop list: who to call back first, by hand.
import { describe, expect, test } from "vitest";
import { cesMetric, closedLoop, csatMetric, definePortfolio, meanMetric, npsMetric } from "../../src/index";
import { bad, badInput, deepFreeze, errorOf, L } from "../helpers/tables";

interface Answer {
  who: string;
  nps: number | null;
  csat: number | null;
  at: string;
  arr: number;
}
const answers: Answer[] = deepFreeze([
  { who: "ann", nps: 6, csat: 4, at: "2024-05-30", arr: 100 },
  { who: "bob", nps: 10, csat: 5, at: "2024-05-31", arr: 900 },
  { who: "cy", nps: 0, csat: 1, at: "2024-05-17", arr: 100 },
  { who: "dee", nps: null, csat: 2, at: "2024-05-31", arr: 500 },
  { who: "eve", nps: 8, csat: 3, at: "2024-05-24", arr: 300 },
]);
const p = definePortfolio({ nps: npsMetric<Answer>({ score: (r) => r.nps }), csat: csatMetric<Answer>({ score: (r) => r.csat }) });

describe("closedLoop", () => {
  test("severity: detractors and answers below the satisfied threshold", () => {
    const list = closedLoop(p, answers, { id: (r) => r.who });
    // ann: nps 6 → (7 − 6)/7; cy: nps 0 → 1, csat 1 → (4 − 1)/3 = 1; dee: csat 2 → 2/3; eve: csat 3 → 1/3
    expect(list.map((f) => [f.id, f.severity])).toEqual([
      ["cy", 1],
      ["dee", 2 / 3],
      ["eve", 1 / 3],
      ["ann", 1 / 7],
    ]);
    expect(list[0]!.reasons).toEqual([
      { metric: "nps", severity: 1 },
      { metric: "csat", severity: 1 },
    ]);
    expect(list.every((f) => f.urgency === f.severity && f.ageDays === null && f.value === null)).toBe(true);
  });

  test("recency halves the urgency every halfLifeDays; value weighs by (1 + v/mean)/2", () => {
    const list = closedLoop(p, answers, { id: (r) => r.who, date: (r) => r.at, now: "2024-05-31", halfLifeDays: 7, value: (r) => r.arr });
    const byId = Object.fromEntries(list.map((f) => [f.id, f]));
    const mean = (100 + 100 + 500 + 300) / 4; // the listed rows: ann, cy, dee, eve
    expect(byId.cy!.ageDays).toBe(14);
    expect(byId.cy!.urgency).toBeCloseTo(1 * 0.25 * ((1 + 100 / mean) / 2), 14);
    expect(byId.dee!.urgency).toBeCloseTo((2 / 3) * 1 * ((1 + 500 / mean) / 2), 14);
    expect(byId.ann!.urgency).toBeCloseTo((1 / 7) * 0.5 ** (1 / 7) * ((1 + 100 / mean) / 2), 14);
    expect(list.map((f) => f.id)).toEqual(["dee", "eve", "cy", "ann"]);
    expect(closedLoop(p, answers, { id: (r) => r.who, limit: 2 }).map((f) => f.id)).toEqual(["cy", "dee"]);
  });

  test("CES: the unfavourable side of each version", () => {
    const v2 = definePortfolio({ ces: cesMetric<{ s: number }>({ score: (r) => r.s }) });
    expect(closedLoop(v2, [{ s: 1 }, { s: 4 }, { s: 3 }, { s: 7 }], { id: (r) => r.s }).map((f) => [f.id, f.severity])).toEqual([
      [1, 1],
      [3, 1 / 3],
    ]);
    const v1 = definePortfolio({ ces: cesMetric<{ s: number }>({ score: (r) => r.s, version: "1.0" }) });
    expect(closedLoop(v1, [{ s: 5 }, { s: 4 }, { s: 1 }], { id: (r) => r.s }).map((f) => [f.id, f.severity])).toEqual([
      [5, 1],
      [4, 0.5],
    ]);
  });

  test("an invalid answer names the metric and the row", () => {
    const [code, message] = errorOf(() => closedLoop(p, [...answers, { ...answers[0]!, csat: 9 }], { id: (r) => r.who }));
    expect(code).toBe("OUT_OF_RANGE");
    expect(message).toMatch(/^closedLoop: metric "csat", row 5: /);
  });

  const noFollowUp = L("portfolio(mean)", definePortfolio({ arr: meanMetric<Answer, "arr">({ id: "arr", label: "ARR", value: (r) => r.arr }) }));
  badInput(closedLoop as never, [
    bad("closedLoop", [p, answers, {}], "INVALID_OPTION", undefined, "no id"),
    bad("closedLoop", [p, answers, { id: (r: Answer) => r.who, date: (r: Answer) => r.at }], "INVALID_OPTION", undefined, "date without now"),
    bad("closedLoop", [p, answers, { id: (r: Answer) => r.who, date: (r: Answer) => r.at, now: "2024-05-20" }], "INVALID_DATE", 0, "an answer after now"),
    bad("closedLoop", [p, answers, { id: (r: Answer) => r.who, halfLifeDays: 0 }], "INVALID_OPTION"),
    bad("closedLoop", [p, answers, { id: (r: Answer) => r.who, limit: -1 }], "INVALID_OPTION"),
    bad("closedLoop", [p, answers, { id: (r: Answer) => r.who, value: (r: Answer) => -r.arr }], "INVALID_INPUT", 0),
    bad("closedLoop", [p, answers, { id: () => null }], "INVALID_INPUT", 0),
    bad("closedLoop", [noFollowUp, answers, { id: (r: Answer) => r.who }], "INVALID_OPTION", undefined, "no metric with a follow-up rule"),
  ]);
});
