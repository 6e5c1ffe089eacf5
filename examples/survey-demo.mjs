// The main job of the README: survey metrics on a realistic export (examples/data/survey-responses.csv)
// printed as readable tables. Run with `npm run demo` (which builds the package first).
import { readFileSync } from "node:fs";
import {
  ces,
  compareNps,
  csat,
  mergeNpsSummaries,
  npsFromSummary,
  npsSummary,
} from "cx-metrics";
import { table } from "./lib/table.mjs";

const file = new URL("./data/survey-responses.csv", import.meta.url);
const [header, ...lines] = readFileSync(file, "utf8").trim().split("\n");
const columns = header.split(",");
const rows = lines.map((line) => {
  const cells = line.split(",");
  const row = Object.fromEntries(columns.map((c, i) => [c, cells[i]]));
  return {
    ...row,
    score: row.score === "" ? null : Number(row.score),
    weight: Number(row.weight),
    quarter: Number(row.date.slice(5, 7)) <= 3 ? "Q1" : "Q2",
  };
});

const channels = ["email", "web", "phone", "chat"];
const byQuestion = (q) => rows.filter((r) => r.question === q);
const fmt = (x, digits = 1) => (x >= 0 ? " " : "") + x.toFixed(digits);
const ci = ([lo, hi], digits = 1) => `[${fmt(lo, digits).padStart(6)}, ${fmt(hi, digits).padStart(6)}]`;

console.log(`cx-metrics demo: ${rows.length} answers from examples/data/survey-responses.csv\n`);

// NPS: one summary per channel, merged for the total (the same numbers as one pass over all rows).
const npsRows = byQuestion("nps");
const summaries = Object.fromEntries(
  channels.map((c) => [c, npsSummary(npsRows.filter((r) => r.channel === c), (r) => r.score)]),
);
const total = mergeNpsSummaries(...Object.values(summaries));
const weighted = npsSummary(npsRows, (r) => r.score, { weights: (r) => r.weight });
console.log("Net Promoter Score by channel (adjusted-Wald 95% interval; blank answers skipped)");
table(
  ["channel", "n", "promoters %", "passives %", "detractors %", "NPS", "95% interval", "skipped"],
  [...channels.map((c) => [c, summaries[c]]), ["all", total], ["all, weighted", weighted]].map(([label, s]) => {
    const r = npsFromSummary(s);
    return [
      label,
      label.includes("weighted") ? `${r.n} (eff. ${r.effectiveN.toFixed(0)})` : r.n,
      r.promoterShare.toFixed(1),
      r.passiveShare.toFixed(1),
      r.detractorShare.toFixed(1),
      fmt(r.value),
      ci(r.ci),
      r.skipped,
    ];
  }),
);

console.log("CSAT (top-2-box on 1-5, Wilson 95% interval) and CES 2.0 (1-7, t 95% interval)");
table(
  ["channel", "n", "CSAT %", "95% interval", "mean", "CES n", "CES mean", "95% interval", "agree %", "net"],
  [...channels, "all"].map((c) => {
    const pick = (q) => byQuestion(q).filter((r) => c === "all" || r.channel === c);
    const s = csat(pick("csat"), (r) => r.score);
    const e = ces(pick("ces"), (r) => r.score);
    return [c, s.n, s.value.toFixed(1), ci(s.ci), s.mean.toFixed(2), e.n, e.mean.toFixed(2), ci(e.ci, 2), e.agreeShare.toFixed(1), fmt(e.net)];
  }),
);

console.log("NPS change from Q1 to Q2 (Jan-Mar vs Apr-Jun; difference Q2 - Q1, adjusted Wald)");
table(
  ["channel", "Q1", "Q2", "change", "95% interval", "p-value"],
  [...channels, "all"].map((c) => {
    const quarter = (q) => npsRows.filter((r) => r.quarter === q && (c === "all" || r.channel === c)).map((r) => r.score);
    const d = compareNps(quarter("Q1"), quarter("Q2"));
    return [c, fmt(d.a.value), fmt(d.b.value), fmt(d.difference), ci(d.ci), d.pValue < 0.001 ? "<0.001" : d.pValue.toFixed(3)];
  }),
);
