// The "cx-metrics/schema" entry point: zod schemas for input rows. Re-exports only.
export {
  npsResponseSchema,
  csatResponseSchema,
  cesResponseSchema,
  surveyResponseSchema,
  parseSurveyResponses,
  surveyResponseJsonSchema,
  type NpsResponse,
  type CsatResponse,
  type CesResponse,
  type SurveyResponse,
  type SurveyKind,
  type SurveyIssue,
  type ParseSurveyOptions,
  type ParsedSurveyResponse,
} from "./survey";
export {
  subscriptionRowSchema,
  parseSubscriptions,
  subscriptionRowJsonSchema,
  type SubscriptionRow,
} from "./subscription";
