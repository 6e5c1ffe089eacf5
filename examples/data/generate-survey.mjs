// Generates examples/data/survey-responses.csv: a synthetic but realistic survey export of 3,000
// answers (NPS, CSAT and CES questions) over two quarters and four channels, with a survey weight
// per answer and some unanswered questions. Deterministic (fixed seed): rerun to get the same file.
//
// The answer distributions are shaped like published NPS data (skewed towards 8-10, a long tail of
// detractors), with channel differences: chat and web do better than phone; Q2 improves on Q1 for
// phone. Weights follow a post-stratification pattern (phone answers are under-represented and
// weighted up).
import { writeFileSync } from "node:fs";

let seed = 20261123;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
const pick = (probs) => {
  let u = rand();
  for (let i = 0; i < probs.length; i++) {
    u -= probs[i];
    if (u < 0) return i;
  }
  return probs.length - 1;
};
const norm = (ps) => {
  const s = ps.reduce((a, b) => a + b, 0);
  return ps.map((p) => p / s);
};

const NPS = {
  email: [3, 1, 1, 1, 2, 4, 5, 10, 20, 22, 31],
  web: [2, 1, 1, 1, 1, 3, 4, 9, 21, 24, 33],
  phone: [6, 2, 2, 3, 3, 6, 7, 11, 19, 17, 24],
  chat: [2, 1, 1, 1, 1, 2, 3, 8, 20, 25, 36],
};
const PHONE_Q2 = [4, 2, 2, 2, 2, 5, 6, 10, 20, 20, 27];
const CSAT = { email: [5, 8, 15, 40, 32], web: [4, 7, 14, 40, 35], phone: [9, 11, 18, 35, 27], chat: [3, 6, 12, 41, 38] };
const CES = { email: [3, 5, 8, 14, 25, 27, 18], web: [2, 4, 7, 13, 24, 29, 21], phone: [6, 8, 11, 16, 22, 22, 15], chat: [2, 3, 6, 12, 24, 31, 22] };
const CHANNEL_MIX = { email: 0.3, web: 0.35, phone: 0.15, chat: 0.2 };
const WEIGHT = { email: 0.9, web: 0.8, phone: 1.9, chat: 1.0 };
const channels = Object.keys(CHANNEL_MIX);
const regions = ["EMEA", "Americas", "APAC"];

const lines = ["respondent_id,date,channel,region,question,score,weight"];
let id = 1000;
for (let i = 0; i < 1000; i++) {
  const channel = channels[pick(channels.map((c) => CHANNEL_MIX[c]))];
  const region = regions[pick([0.45, 0.35, 0.2])];
  const month = 1 + Math.floor(rand() * 6);
  const day = 1 + Math.floor(rand() * 28);
  const date = `2026-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  const weight = (WEIGHT[channel] * (0.85 + 0.3 * rand())).toFixed(3);
  const respondent = `R${id++}`;
  const q2 = month > 3;
  const npsProbs = norm(channel === "phone" && q2 ? PHONE_Q2 : NPS[channel]);
  const missing = () => rand() < 0.04;
  lines.push(`${respondent},${date},${channel},${region},nps,${missing() ? "" : pick(npsProbs)},${weight}`);
  lines.push(`${respondent},${date},${channel},${region},csat,${missing() ? "" : 1 + pick(norm(CSAT[channel]))},${weight}`);
  lines.push(`${respondent},${date},${channel},${region},ces,${missing() ? "" : 1 + pick(norm(CES[channel]))},${weight}`);
}
writeFileSync(new URL("./survey-responses.csv", import.meta.url), lines.join("\n") + "\n");
console.log(`wrote ${lines.length - 1} answers`);
