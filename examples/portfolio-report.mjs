// A CX portfolio by channel and month on a year of support interactions
// (examples/data/interactions.csv): NPS, CSAT, CES and a third-party FCR metric, with targets,
// the change from the previous month and whether it is noise, consistency across channels, a
// composite index, the alerts and the closed-loop list. Run with `npm run build && node
// examples/portfolio-report.mjs`.
import { readFileSync } from "node:fs";
import { cesMetric, closedLoop, csatMetric, definePortfolio, evaluatePortfolio, npsMetric, portfolioCell } from "cx-metrics";
import { fcrMetric } from "./fcr-metric.mjs";
import { table } from "./lib/table.mjs";

const file = new URL("./data/interactions.csv", import.meta.url);
const [header, ...lines] = readFileSync(file, "utf8").trim().split("\n");
const columns = header.split(",");
const num = (s) => (s === "" ? null : Number(s));
const rows = lines.map((line) => {
  const c = Object.fromEntries(line.split(",").map((v, i) => [columns[i], v]));
  return { ...c, nps: num(c.nps), csat: num(c.csat), ces: num(c.ces), contacts: Number(c.contacts), arr: Number(c.arr) };
});

const portfolio = definePortfolio({
  nps: npsMetric({ score: (r) => r.nps }),
  csat: csatMetric({ score: (r) => r.csat }),
  ces: cesMetric({ score: (r) => r.ces }),
  fcr: fcrMetric({ contacts: (r) => r.contacts }),
});
const report = evaluatePortfolio(portfolio, rows, {
  segmentBy: ["channel", "region"],
  period: "month",
  date: (r) => r.date,
  targets: {
    nps: { target: 40, warning: 30, segments: [{ where: { channel: "phone" }, target: 30, warning: 20 }] },
    csat: { target: 80, warning: 75 },
    ces: { target: 5.5, warning: 5 },
    fcr: { target: 70, warning: 65 },
  },
  composite: { weights: { nps: 2, csat: 1, ces: 1, fcr: 1 } },
  // the export covers all of December (its last answer is on the 28th): without `now`, December
  // would be partial and November the headline
  now: "2025-01-01",
});

const mark = { "on-track": " ", "at-risk": "!", "off-track": "✗", "no-data": "?" };
const arrow = (ch) => (ch === null ? "" : ch.significant ? (ch.difference > 0 ? " ▲" : " ▼") : " ·");
const show = (m) => (m.value === null ? "–" : `${m.display}${m.status === null ? "" : mark[m.status]}${arrow(m.change)}`);

const last = report.periods.at(-1);
const channels = ["email", "phone", "chat", "web", "store"];
console.log(`CX portfolio, ${rows.length} interactions, ${report.periods[0]} to ${last}`);
console.log(`(✗ off target, ! at risk; ▲▼ significant change from the previous month at 5%, · not significant)\n`);
console.log(`Scorecard for the month starting ${last}`);
table(
  ["channel", "n", "NPS", "CSAT", "CES", "FCR", "index"],
  [...channels, null].map((ch) => {
    const c = portfolioCell(report, ch === null ? {} : { channel: ch }, last);
    const m = c.metrics;
    return [ch ?? "all", m.nps.n, show(m.nps), show(m.csat), show(m.ces), show(m.fcr), c.composite === null ? "–" : c.composite.toFixed(1)];
  }),
);

console.log("Chat NPS by month, with its 95% interval and the test of the change");
table(
  ["month", "n", "NPS", "95% CI", "change", "p"],
  report.periods.map((p) => {
    const m = portfolioCell(report, { channel: "chat" }, p).metrics.nps;
    const ch = m.change;
    return [p.slice(0, 7), m.n, m.value.toFixed(1), `[${m.result.ci[0].toFixed(1)}, ${m.result.ci[1].toFixed(1)}]`, ch === null ? "" : `${ch.difference > 0 ? "+" : ""}${ch.difference.toFixed(1)}`, ch === null ? "" : ch.pValue.toFixed(3)];
  }),
);

console.log("Consistency across channels over the year (do channels differ more than noise?)");
table(
  ["metric", "min", "max", "spread", "test", "p", "effect", "consistent"],
  report.consistency
    .filter((c) => c.period === null && c.segmentBy.join() === "channel")
    .map((c) =>
      c.test === null
        ? [c.metric, c.min.toFixed(2), c.max.toFixed(2), c.spread.toFixed(2), "(no test defined)", "", "", ""]
        : [c.metric, c.min.toFixed(2), c.max.toFixed(2), c.spread.toFixed(2), c.test.method, c.test.pValue < 0.001 ? "<0.001" : c.test.pValue.toFixed(3), c.test.effectSize.toFixed(3), c.consistent ? "yes" : "no"],
    ),
);

console.log(`Alerts for ${last} (${report.alerts.length}; the five most urgent)`);
for (const a of report.alerts.slice(0, 5)) console.log(`  [${a.severity}] ${a.message}`);
console.log();

const decemberRows = rows.filter((r) => r.date >= "2024-12-01");
const followUps = closedLoop(portfolio, decemberRows, { id: (r) => r.customer, date: (r) => r.date, now: "2024-12-31", value: (r) => r.arr, limit: 8 });
console.log("Closed loop: who to call back first (December answers; severity × recency × customer value)");
table(
  ["customer", "channel", "date", "reasons", "ARR", "urgency"],
  followUps.map((f) => {
    const r = decemberRows[f.index];
    return [f.id, r.channel, r.date, f.reasons.map((x) => `${x.metric} ${x.severity.toFixed(2)}`).join(", "), r.arr, f.urgency.toFixed(3)];
  }),
);
