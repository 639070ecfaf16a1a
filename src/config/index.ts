export { ConfigError, type ConfigIssue } from './errors.js';
export {
  type Budget,
  DEFAULT_CONFIG,
  type DimsRule,
  type EnergyConfig,
  FAIL_ON,
  type FailOn,
  LIMIT_KEYS,
  LIMITS,
  type LimitName,
  type NoiseFloor,
  type Percent,
  type Processor,
  PROCESSORS,
  type Score,
  type DeviceTarget,
  type Threshold,
} from './types.js';
export { CONFIG_SCHEMA } from './schema.js';
export {
  type ConfigOverrides,
  fieldName,
  type LoadedConfig,
  loadConfigFile,
  parseConfig,
  type ParseOptions,
  withOverrides,
} from './load.js';
export {
  type BudgetEvaluation,
  type BudgetMeasures,
  type LimitReason,
  type BudgetStatus,
  budgetsFor,
  type ChangeKind,
  classifyChange,
  dimsFor,
  type EnergyChange,
  evaluateBudgets,
  formatNumber,
  isCheckedModel,
  type Level,
} from './budgets.js';
export { budgetLabel, type ChangeEffect, type ConfigChange, diffConfigs } from './diff.js';
export { globMatcher, matchesAny } from './glob.js';
export { closestMatch, didYouMean } from './suggest.js';
