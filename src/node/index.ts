// The Node-only entry point "cx-metrics/node": files, streams, worker threads. Re-exports only.
export { readRows, type BadRow, type ColumnSpec, type ColumnType, type ReadProgress, type ReadRowsOptions, type ReadStats, type RowChunk, type RowReader, type Source } from "./read";
export { evaluateFile, summarizeFile, type EvaluateFileOptions } from "./evaluate";
export { evaluateInWorkers, type EvaluateInWorkersOptions, type PortfolioModule } from "./workers";
export { renderReport, type RenderReportOptions } from "./report";
