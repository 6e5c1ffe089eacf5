// The SQL entry point "cx-metrics/sql": compile portfolios to SQL aggregates, finish the rows, and
// run them in DuckDB (an optional dependency). Re-exports only.
export { fromSqlRows, summaryFromSqlRows, toSql, type Dialect, type SqlQuery, type ToSqlOptions } from "./compile";
export { evaluateDuckDb, rfmSummaryDuckDb, type DuckDbSourceOptions, type EvaluateDuckDbOptions } from "./duckdb";
export { rfmFromSqlRows, rfmToSql, type RfmQuery, type RfmToSqlOptions } from "./rfm";
export { pearsonFromSqlRows, pearsonToSql, type PearsonQuery, type PearsonToSqlOptions } from "./pearson";
