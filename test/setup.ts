import fc from "fast-check";

// Property tests: a fixed seed by default so CI is reproducible; FC_SEED overrides it and
// FC_NUM_RUNS raises the run count for heavy local runs. fast-check prints the seed and the
// counterexample path when a property fails.
const seed = process.env.FC_SEED === undefined ? 20261123 : Number(process.env.FC_SEED);
const numRuns = process.env.FC_NUM_RUNS === undefined ? 200 : Number(process.env.FC_NUM_RUNS);
fc.configureGlobal({ seed, numRuns });
