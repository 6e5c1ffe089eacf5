// Re-exports only; no logic. The zod schemas live in the separate entry point "cx-metrics/schema".
export { type CxErrorContext, CxMetricsError, type CxMetricsErrorCode } from "./core/errors";
export type { Accessor, ArrowVectorLike, BaseOptions, InvalidPolicy, RowsInput, ScoreInput, Weights } from "./core/input";
export { normalCdf, normalQuantile } from "./core/normal";
export { studentTCdf, studentTQuantile } from "./core/student-t";

export {
  nps,
  npsSummary,
  npsFromSummary,
  npsFromCounts,
  mergeNpsSummaries,
  emptyNpsSummary,
  type NpsCounts,
  type NpsMethod,
  type NpsOptions,
  type NpsResult,
  type NpsScale,
  type NpsSummary,
  type NpsSummaryOptions,
} from "./survey/nps";
export { compareNps, type CompareNpsOptions, type CompareNpsResult, type NpsSample } from "./survey/compare-nps";
export { npsSampleSize, type NpsSampleSizeOptions, type NpsSampleSizeResult } from "./survey/nps-sample-size";
export {
  csat,
  csatSummary,
  csatFromSummary,
  mergeCsatSummaries,
  type CsatOptions,
  type CsatResult,
  type CsatSummary,
  type CsatSummaryOptions,
} from "./survey/csat";
export { compareCsat, type CompareCsatOptions, type CompareCsatResult, type CsatSample } from "./survey/compare-csat";
export {
  ces,
  cesSummary,
  cesFromSummary,
  mergeCesSummaries,
  type CesOptions,
  type CesResult,
  type CesSummary,
  type CesSummaryOptions,
  type CesVersion,
} from "./survey/ces";
export { compareCes, type CompareCesOptions, type CompareCesResult, type CesSample } from "./survey/compare-ces";
export type { ScoreDistributionSummary, ScorePoint, ScoreScale } from "./survey/score-distribution";

export { type DateInput } from "./core/time";
export { rfmSummary, type RfmOptions, type RfmSummary, type TimeUnit } from "./value/rfm-summary";
export {
  fitBgNbd,
  bgNbdLogLikelihood,
  bgNbdProbabilityAlive,
  bgNbdExpectedPurchases,
  bgNbdConditionalExpectedPurchases,
  bgNbdProbabilityOfPurchases,
  type BgNbdData,
  type BgNbdModel,
  type FitBgNbdOptions,
} from "./value/bg-nbd";
export {
  fitGammaGamma,
  gammaGammaConditionalExpectedValue,
  type FitGammaGammaOptions,
  type GammaGammaData,
  type GammaGammaModel,
} from "./value/gamma-gamma";
export {
  simpleClv,
  retentionClv,
  customerLifetimeValue,
  type SimpleClvInput,
  type RetentionClvInput,
  type CustomerLifetimeValueOptions,
  type CustomerLifetimeValueResult,
} from "./value/clv";
export { simulateBgNbd, type SimulateBgNbdOptions, type SimulatedBgNbd } from "./value/simulate-bg-nbd";
export {
  historicalClv,
  type CohortPeriod,
  type HistoricalClvCohort,
  type HistoricalClvOptions,
  type HistoricalClvResult,
} from "./value/historical-clv";
export { type Period } from "./core/period";
export {
  pearson,
  pearsonSummary,
  mergePearsonSummaries,
  pearsonFromSummary,
  type CorrelationOptions,
  type PairInput,
  type CorrelationResult,
  type PearsonResult,
  type PearsonSummary,
} from "./relate/pearson";
export { spearman, kendall } from "./relate/rank";
export { linearRegression, type LinearRegressionResult } from "./relate/regression";
export { holm, benjaminiHochberg } from "./relate/adjust";
export { alignByPeriod, type AlignOptions, type AlignedSeries, type SeriesInput } from "./relate/align";
export {
  laggedCorrelation,
  periodChange,
  type ChangeKind,
  type CorrelationMethod,
  type LaggedCorrelationOptions,
  type LaggedCorrelationResult,
  type LagRow,
} from "./relate/lagged";
export { relateMetricToOutcomes, type RelateOptions, type RelateResult, type RelateRow } from "./relate/relate-outcomes";
export {
  kaplanMeier,
  survivalAt,
  restrictedMeanSurvival,
  type KaplanMeierOptions,
  type KaplanMeierResult,
} from "./core/kaplan-meier";
export {
  churnRate,
  annualizeChurn,
  deannualizeChurn,
  revenueRetention,
  type ChurnConversion,
  type ChurnCounts,
  type ChurnRateResult,
  type RevenueMovements,
  type RevenueRetentionResult,
} from "./retention/churn-rate";
export { churn, churnSeries, type ChurnOptions, type ChurnResult, type ChurnSeriesOptions } from "./retention/churn";
export { type SubscriptionAccessors } from "./retention/subscriptions";
export { type FieldOrAccessor } from "./core/read-field";
export {
  cohortRetention,
  retentionCurve,
  type CohortRetentionOptions,
  type CohortRetentionResult,
  type RetentionCohort,
  type RetentionCurveOptions,
} from "./retention/cohorts";
export {
  businessCalendar,
  businessDuration,
  addBusinessTime,
  type BusinessCalendar,
  type BusinessCalendarOptions,
  type DaySchedule,
  type Weekday,
} from "./support/calendar";
export {
  agentWaitTime,
  firstReplyTime,
  requesterWaitTime,
  resolutionTime,
  withinShare,
  mergeSlaSummaries,
  mergeTicketTimeSummaries,
  slaAttainment,
  slaFromSummary,
  slaSummary,
  type SlaOptions,
  type SlaResult,
  type SlaSummary,
  ticketTimeSummary,
  ticketTimesFromSummary,
  type TicketTimeFinishOptions,
  type TicketTimeMetric,
  type TicketTimeSummary,
  type TicketAccessors,
  type TicketTimeOptions,
  type DurationUnit,
  type TicketTimeResult,
} from "./support/tickets";
export {
  defineMetric,
  type ConsistencyTest,
  type Direction,
  type Metric,
  type MetricComparison,
  type MetricSpec,
  type SqlSummarySpec,
  type ResultOf,
  type RowOf,
  type SummaryOf,
} from "./portfolio/metric";
export type { MomentsSummary } from "./core/moments";
export {
  npsMetric,
  csatMetric,
  cesMetric,
  proportionMetric,
  churnMetric,
  meanMetric,
  slaMetric,
  ticketTimeMetric,
  type BuiltInOptions,
  type NpsMetricOptions,
  type CsatMetricOptions,
  type CesMetricOptions,
  type ProportionMetricOptions,
  type ChurnMetricOptions,
  type MeanMetricOptions,
  type MeanResult,
  type Read,
  type SlaMetricOptions,
  type TicketTimeMetricOptions,
} from "./portfolio/metrics";
export {
  definePortfolio,
  mergePortfolios,
  summarizePortfolio,
  mergePortfolioSummaries,
  type MergedMetrics,
  type MetricRecord,
  type Portfolio,
  type PortfolioRow,
  type PortfolioSummary,
  type PortfolioSummaryCell,
  type PortfolioSummaryOptions,
  type SegmentBy,
} from "./portfolio/portfolio";
export {
  evaluatePortfolio,
  finishPortfolio,
  portfolioCell,
  type Alert,
  type Change,
  type CompositeOptions,
  type ConsistencyRow,
  type EvaluatePortfolioOptions,
  type FinishPortfolioOptions,
  type MetricCell,
  type MetricTarget,
  type PortfolioCell,
  type PortfolioReport,
  type Status,
  type Targets,
  type Threshold,
} from "./portfolio/report";
export { closedLoop, type ClosedLoopOptions, type FollowUp } from "./portfolio/closed-loop";
export { portfolioFromConfig, type MetricConfig } from "./portfolio/config";
