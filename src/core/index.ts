/** The hedge core: pure, decimal-exact, no browser API, no I/O, no clock reads. */
export { perpFor, splitBase, lotRules, roundDown, type LotRules } from './contract';
export { CoreInputError } from './decimal';
export { planFor, planHedges, HEDGE_DEFAULTS, type HedgePlan, type HedgeOrder, type HedgeSettings, type HedgeStatus, type Intent, type Snapshot } from './plan';
export { fundingPayment, annualizedFunding, describeFunding, fundingIntervalHours } from './funding';
export { estimateLiquidationPrice, bracketFor, type LiquidationInput } from './liquidation';
export { marginRatio, topUpAmount } from './margin';
export { estimateFees } from './fees';
export { warnings, liquidationSeverity, DEFAULT_THRESHOLDS, type Warning, type WarningKind, type WarningState, type WarningThresholds, type Severity } from './warnings';
export type * from './types';
export { hedgePnl, type PnlInput, type PnlStatement } from './pnl';
export { atTick, atStep, decimalsOf, fundingRate, grouped, money, percent } from './format';
