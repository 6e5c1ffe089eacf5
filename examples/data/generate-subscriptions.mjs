// Generates examples/data/subscriptions.csv: 1,500 synthetic SaaS subscriptions (2023-01 to
// 2024-12) on three plans with monthly recurring revenue; a plan change is a new row (the old row
// ends the day the new one starts). Deterministic (fixed seed): rerun to get the same file.
// Planted patterns: the Basic plan churns about 4% a month, Pro 2%, Enterprise 0.8%; customers who
// joined in the 2024 spring promotion churn faster in their first months.
import { writeFileSync } from "node:fs";

let seed = 777;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
const day = (t) => new Date(t).toISOString().slice(0, 10);
const START = Date.UTC(2023, 0, 1);
const END = Date.UTC(2025, 0, 1);
const DAY = 86_400_000;
const plans = [
  { name: "basic", mrr: 49, churn: 0.04, weight: 55 },
  { name: "pro", mrr: 199, churn: 0.02, weight: 35 },
  { name: "enterprise", mrr: 990, churn: 0.008, weight: 10 },
];
const pickPlan = () => {
  let u = rand() * 100;
  for (const p of plans) if ((u -= p.weight) < 0) return p;
  return plans[0];
};
const lines = ["customer,plan,start,end,mrr"];
for (let c = 1; c <= 1500; c++) {
  const id = `C${String(c).padStart(4, "0")}`;
  let t = START + Math.floor(rand() * (END - START - 30 * DAY));
  const promo = t >= Date.UTC(2024, 2, 1) && t < Date.UTC(2024, 5, 1) && rand() < 0.5;
  let plan = pickPlan();
  let month = 0;
  for (;;) {
    // month by month: churn, upgrade (10% of the churn rate to the next plan) or stay
    let end = null;
    let next = null;
    let s = t;
    for (;;) {
      const at = s + 30 * DAY;
      if (at >= END) break;
      const hazard = plan.churn * (promo && month < 4 ? 3 : 1);
      const u = rand();
      month++;
      if (u < hazard) {
        end = at;
        break;
      }
      if (u < hazard + 0.01 && plan !== plans[2]) {
        end = at;
        next = plans[plans.indexOf(plan) + 1];
        break;
      }
      s = at;
    }
    const price = Math.round(plan.mrr * (promo ? 0.7 : 1));
    lines.push([id, plan.name, day(t), end === null ? "" : day(end), price].join(","));
    if (next === null) break;
    t = end;
    plan = next;
  }
}
writeFileSync(new URL("./subscriptions.csv", import.meta.url), lines.join("\n") + "\n");
console.log(`wrote ${lines.length - 1} subscription rows`);
