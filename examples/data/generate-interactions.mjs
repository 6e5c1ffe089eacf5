// Generates examples/data/interactions.csv: a synthetic but realistic export of 6,000 support
// interactions over 2024 in five channels and two regions, each with the customer's post-contact
// survey (NPS, CSAT, CES 2.0; some questions unanswered), the number of contacts the issue took, and
// the customer's annual recurring revenue. Deterministic (fixed seed): rerun to get the same file.
//
// Planted patterns, for the portfolio example to find: phone resolves fewer issues on the first
// contact and is harder work; chat's NPS drops in November and December (a staffing change); the
// store has little volume.
import { writeFileSync } from "node:fs";

let seed = 424242;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
const pick = (weights) => {
  const total = weights.reduce((a, b) => a + b, 0);
  let u = rand() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i];
    if (u < 0) return i;
  }
  return weights.length - 1;
};

const channels = ["email", "phone", "chat", "web", "store"];
const volume = [25, 25, 25, 20, 5];
const NPS = {
  good: [2, 1, 1, 1, 2, 3, 5, 10, 20, 24, 31],
  usual: [3, 1, 2, 2, 2, 5, 6, 11, 20, 21, 27],
  poor: [7, 3, 3, 4, 4, 7, 8, 12, 17, 16, 19],
};
const profile = { email: "usual", phone: "usual", chat: "good", web: "good", store: "usual" };
const firstContact = { email: 0.7, phone: 0.55, chat: 0.75, web: 0.72, store: 0.8 };
const ease = { email: [2, 3, 5, 10, 20, 30, 30], phone: [5, 7, 10, 14, 20, 24, 20], chat: [1, 2, 4, 9, 20, 32, 32], web: [2, 3, 5, 10, 20, 30, 30], store: [2, 2, 4, 10, 20, 31, 31] };

const lines = ["id,customer,channel,region,date,nps,csat,ces,contacts,arr"];
for (let i = 0; i < 6000; i++) {
  const channel = channels[pick(volume)];
  const region = rand() < 0.55 ? "EU" : "US";
  const month = Math.floor(rand() * 12);
  const day = 1 + Math.floor(rand() * 28);
  const date = `2024-${String(month + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  const late = month >= 10;
  const npsProfile = channel === "chat" && late ? "poor" : profile[channel];
  const contacts = rand() < firstContact[channel] ? 1 : 2 + pick([5, 3, 1]);
  let nps = pick(NPS[npsProfile]);
  // a second or third contact costs goodwill
  if (contacts > 1 && nps > 0 && rand() < 0.35) nps -= 1 + Math.floor(rand() * 3);
  nps = Math.max(0, nps);
  const csat = Math.min(5, Math.max(1, Math.round(1 + (nps / 10) * 4 + (rand() - 0.5) * 1.6)));
  const ces = 1 + pick(ease[channel]);
  const customer = `C${String(1 + Math.floor(rand() * 2500)).padStart(4, "0")}`;
  const arr = Math.round(500 * Math.exp(1.1 * (rand() + rand() + rand() - 1.5)) / 10) * 10;
  const maybe = (v, p) => (rand() < p ? "" : String(v));
  lines.push([`I${String(i + 1).padStart(5, "0")}`, customer, channel, region, date, maybe(nps, 0.12), maybe(csat, 0.08), maybe(ces, 0.2), contacts, arr].join(","));
}
writeFileSync(new URL("./interactions.csv", import.meta.url), lines.join("\n") + "\n");
console.log(`wrote ${lines.length - 1} interactions`);
