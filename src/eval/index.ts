/** The evaluator: scores extract() against truth files (../shared/corpus/README.md metrics). */
export {
  discoverSets,
  EvalInputError,
  type EvalPage,
  type EvalSet,
  type EvaluateOptions,
  evaluateDir,
  evaluatePage,
  evaluateSets,
  extractPage,
  type FieldSummary,
  type PageResult,
  type Scorecard,
  type SetScorecard,
} from './evaluate.js';
export { formatFailures, formatScorecard, scorecardJson } from './report.js';
export {
  DEFAULT_BODY_FAIL_BELOW,
  dropOffset,
  type FieldFailure,
  type FieldScore,
  type PageScore,
  type ScoreOptions,
  scorePage,
} from './score.js';
export { bodyTokens, compact, type TokenF1, tokenF1 } from './tokens.js';
export { isLabelled, parseTruth, SCORED_FIELDS, type ScoredField, type Truth } from './truth.js';
