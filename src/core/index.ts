/** The hedge core: pure, decimal-exact, no browser API, no I/O, no clock reads. */
export { perpFor, splitBase, lotRules, roundDown, type LotRules } from './contract';
export { CoreInputError } from './decimal';
export { coinmContractFor, type Family } from './legs';
export { planFor, planHedges, ratioFor, HEDGE_DEFAULTS, WALLET_WORDS, type HedgePlan, type HedgeOrder, type HedgeSettings, type HedgeStatus, type Intent, type Snapshot } from './plan';
export { fundingPayment, annualizedFunding, describeFunding, fundingIntervalHours } from './funding';
export { fundingOver, annualOfNotional, rateHistory, quarterlyFor, type QuarterlyBasis } from './cost';
export { estimateLiquidationPrice, bracketFor, type LiquidationInput } from './liquidation';
export { marginRatio, topUpAmount } from './margin';
export { largestAffordable, marginFrom, transferFor, STABLE_COLLATERAL_RATIO } from './afford';
export { estimateFees } from './fees';
export { coinmRules, contractsFor, coinsOf, inversePnl, coinFunding, coinFees, coinmMaintenance, coinmLiquidationPrice, largestCoinmFit, planCoinmHedge, type InverseContractRules, type CoinmBracketLike, type CoinmHedgeInput } from './coinm';
export { warnings, liquidationSeverity, DEFAULT_THRESHOLDS, type Warning, type WarningKind, type WarningState, type WarningThresholds, type Severity } from './warnings';
export type * from './types';
export { WALLETS } from './types';
export { hedgePnl, type PnlInput, type PnlStatement } from './pnl';
export { cutToStep, decimalsOf, roundToTick, toCents } from './format';
export { words, type Param, type Words } from './words';
export { guardTrigger, guardMoved, type GuardInput } from './guard';
