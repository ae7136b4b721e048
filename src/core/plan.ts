/**
 * Hedge planning: for each coin, the perpetual position that offsets it and the one order that
 * gets there. Quantities in coins are signed (a short is negative); orders are in contract units
 * (coins ÷ multiplier), rounded DOWN to the step so a hedge never overshoots by a step or more.
 */
import { splitBase } from './contract';
import { legsFor, type Family, type Leg } from './legs';
import { CoreInputError, D, dec, str, type Dec } from './decimal';
import { words, type Words } from './words';
import { WALLETS, type CoinmContract, type ExchangeInfoSymbol, type OrderSpec, type PositionRisk, type PremiumIndex, type SpotBalance, type Wallet, type WalletBalance } from './types';

export type HedgeStatus = 'hedged' | 'under' | 'over' | 'orphan' | 'no-perp' | 'stablecoin' | 'below-min' | 'unreadable';
export type Intent = 'hedge' | 'close';

export interface HedgeOrder extends OrderSpec {
  /** The order's value: quantity × mark in the quote asset (USDⓈ-M), or contracts × contractSize USD (COIN-M). */
  notional: string;
  /** The coins it hedges at the mark. */
  coins: string;
}

/** COIN-M coin amounts change with the mark: shown to the satoshi. */
const COINM_COIN_STEP = '0.00000001';

export interface HedgePlan {
  asset: string;
  symbol: string | null;
  /** Coins per contract unit ("1000" for 1000PEPEUSDT). */
  multiplier: string;
  /** Coins to protect, from every wallet counted; negative for a borrowed (short) balance. */
  exposure: string;
  /** Where those coins are: one line per wallet that holds some ("1.0 Spot + 0.5 Earn Flexible"). */
  holdings: { wallet: Wallet; amount: string }[];
  /** Coins the futures position offsets now: positive for a short against positive exposure. */
  hedge: string;
  /** Coins the position should offset: exposure × hedgeRatio. */
  target: string;
  /** hedge / exposure; null without exposure. */
  ratio: string | null;
  status: HedgeStatus;
  order: HedgeOrder | null;
  /** Coins left off target after the order, by rounding to the step. */
  residual: string;
  /** Why the status, in words for the user. */
  reason: Words;
  /** USDⓈ-M or COIN-M: where the order goes. */
  family: Family;
  /** The perpetual's PRICE_FILTER.tickSize and LOT_SIZE step (contract units): how its numbers are shown. */
  tickSize: string | null;
  stepSize: string | null;
  /** One step in coins: how the coins are shown (COIN-M: to the satoshi, its contracts being USD). */
  coinStep: string | null;
}

export interface Snapshot {
  balances: SpotBalance[];
  /** Coins in Simple Earn and the Funding wallet (none where Binance has no /sapi: demo, testnet). */
  wallets?: WalletBalance[];
  /** Wallets that could not be read: a hedge of any coin cannot be judged without them. */
  unreadableWallets?: Wallet[];
  /** COIN-M inverse perpetuals, their marks and the account's positions (contracts), when read. */
  coinm?: { contracts: CoinmContract[]; markPrices: PremiumIndex[]; positions: PositionRisk[] };
  /**
   * The quote assets of the perpetuals to hedge with, preferred first: USDT; in credits mode (EEA,
   * where USDT cannot move to Futures) USDC, then USDT. A coin already hedged keeps its perpetual.
   */
  quotes?: string[];
  futuresSymbols: ExchangeInfoSymbol[];
  positions: PositionRisk[];
  markPrices: PremiumIndex[];
  dualSidePosition: boolean;
  /** Rows Binance sent that could not be read: an asset (a balance) or a symbol (any list's row). */
  unreadable?: string[];
}

export interface HedgeSettings {
  /** Share of the coins to short: "1" = fully hedged; `ratios` overrides it per asset. */
  hedgeRatio: string;
  ratios: Record<string, string>;
  tolerance: string;
  includeLocked: boolean;
  /** The wallets whose coins count as exposure. */
  wallets: readonly Wallet[];
  ignore: string[];
  stablecoins: string[];
}

export const HEDGE_DEFAULTS: HedgeSettings = {
  hedgeRatio: '1',
  ratios: {},
  tolerance: '0.02',
  includeLocked: true,
  wallets: WALLETS,
  ignore: [],
  stablecoins: ['USDT', 'USDC', 'FDUSD', 'TUSD', 'USDP', 'DAI', 'BUSD', 'USDE'],
};

function spotOf(asset: string, balances: SpotBalance[], includeLocked: boolean): Dec {
  const row = balances.find((b) => b.asset === asset);
  if (!row) return D(0);
  if (row.netAsset !== undefined) return dec(row.netAsset, `${asset} netAsset`);
  const free = dec(row.free, `${asset} free balance`);
  const locked = dec(row.locked, `${asset} locked balance`);
  if (free.lt(0) || locked.lt(0)) throw new CoreInputError(`${asset} has a negative spot balance, which Binance never reports.`);
  return includeLocked ? free.plus(locked) : free;
}

/** The coins of `asset` in each counted wallet, zeros left out. */
function holdingsOf(asset: string, snapshot: Snapshot, settings: HedgeSettings): { wallet: Wallet; amount: Dec }[] {
  const amounts = settings.wallets.map((wallet) => ({
    wallet,
    amount:
      wallet === 'spot'
        ? spotOf(asset, snapshot.balances, settings.includeLocked)
        : (snapshot.wallets ?? [])
            .filter((w) => w.wallet === wallet && w.asset === asset)
            .reduce((sum, w) => {
              const amount = dec(w.amount, `${asset} in ${wallet}`);
              if (amount.lt(0)) throw new CoreInputError(`${asset} has a negative balance in ${wallet}, which Binance never reports.`);
              return sum.plus(amount);
            }, D(0)),
  }));
  return amounts.filter((h) => !h.amount.eq(0));
}

const exposureOf = (asset: string, snapshot: Snapshot, settings: HedgeSettings): Dec =>
  holdingsOf(asset, snapshot, settings).reduce((sum, h) => sum.plus(h.amount), D(0));

const base = (asset: string, multiplier = '1'): Omit<HedgePlan, 'status' | 'reason'> => ({
  asset,
  symbol: null,
  multiplier,
  exposure: '0',
  holdings: [],
  hedge: '0',
  target: '0',
  ratio: null,
  order: null,
  residual: '0',
  tickSize: null,
  stepSize: null,
  coinStep: null,
  family: 'usdm',
});

/** Each wallet's name, as a message id. */
export const WALLET_WORDS: Record<Wallet, string> = {
  spot: 'walletSpot',
  earnFlexible: 'walletEarnFlexible',
  earnLocked: 'walletEarnLocked',
  funding: 'walletFunding',
  coinm: 'walletCoinm',
};

/** A USDⓈ-M perpetual's symbol: the base (1000PEPE, BTC) and the quote. */
const PERP_SYMBOL = /^([A-Z0-9]+?)(USDT|USDC)$/;

/** The unreadable row that concerns `asset`: its balance, or a row of a perpetual on it. */
function unreadableFor(asset: string, ids: string[]): string | undefined {
  return ids.find((id) => id === asset || coinOfSymbol(id) === asset);
}

const coinOfSymbol = (symbol: string): string | null => {
  const m = PERP_SYMBOL.exec(symbol);
  return m ? splitBase(m[1]!).coin : null;
};

/** The share of `asset` to hedge: its own target when the user set one, else the global ratio. */
export const ratioFor = (asset: string, settings: HedgeSettings): string => settings.ratios[asset] ?? settings.hedgeRatio;

/**
 * The leg an order goes to: the one asked for (`route`), else the one the hedge is open on (USDⓈ-M
 * first), else USDⓈ-M where it exists. An order that reduces goes to a leg that has a position.
 */
function legFor(legs: Leg[], route: Family | undefined, reducing: boolean): Leg {
  const open = legs.filter((l) => !l.contracts.eq(0));
  const asked = route ? legs.find((l) => l.family === route) : undefined;
  if (reducing) return asked && !asked.contracts.eq(0) ? asked : (open[0] ?? legs[0]!);
  return asked ?? open[0] ?? legs[0]!;
}

export function planFor(asset: string, snapshot: Snapshot, settings: HedgeSettings = HEDGE_DEFAULTS, intent: Intent = 'hedge', route?: Family): HedgePlan {
  const ratioSetting = dec(ratioFor(asset, settings), 'hedgeRatio');
  const tolerance = dec(settings.tolerance, 'tolerance');
  if (ratioSetting.lt(0) || tolerance.lt(0)) throw new CoreInputError('hedgeRatio and tolerance cannot be negative.');

  const broken = unreadableFor(asset, snapshot.unreadable ?? []);
  if (broken) {
    return { ...base(asset), status: 'unreadable', reason: words('reasonUnreadable', broken, asset) };
  }
  const unread = (snapshot.unreadableWallets ?? []).find((w) => settings.wallets.includes(w));
  if (unread) {
    return { ...base(asset), status: 'unreadable', reason: words('reasonWalletUnreadable', words(WALLET_WORDS[unread]), asset) };
  }
  const found = holdingsOf(asset, snapshot, settings);
  const holdings = found.map((h) => ({ wallet: h.wallet, amount: str(h.amount) }));
  const exposure = found.reduce((sum, h) => sum.plus(h.amount), D(0));
  if (settings.stablecoins.includes(asset)) {
    return { ...base(asset), exposure: str(exposure), holdings, status: 'stablecoin', reason: words('reasonStablecoin', asset) };
  }
  // A long hedge (for a borrowed balance) sits on the LONG side in hedge mode; a short on SHORT.
  const hedgeSide = exposure.lt(0) ? 'LONG' : 'SHORT';
  const legs = legsFor(asset, snapshot, hedgeSide);
  if (legs.length === 0) {
    return { ...base(asset), exposure: str(exposure), holdings, status: 'no-perp', reason: words('reasonNoPerp', asset) };
  }
  // The hedge is every leg's position together: a coin may be short on USDⓈ-M and on COIN-M.
  const position = legs.reduce((sum, l) => sum.plus(l.position), D(0));
  const direction = exposure.lt(0) ? -1 : 1;
  const target = exposure.times(ratioSetting).times(-1); // signed coins the position should be
  const hedge = position.times(-direction);
  const wanted = intent === 'close' ? D(0) : target;
  const delta = wanted.minus(position); // coins to buy (+) or sell (−)
  const reducing = !position.eq(0) && delta.s !== position.s && delta.abs().lte(position.abs());
  const leg = legFor(legs, route, reducing);
  const plan = {
    ...base(asset, leg.multiplier),
    symbol: leg.symbol,
    family: leg.family,
    exposure: str(exposure),
    holdings,
    hedge: str(hedge),
    target: str(target.abs()),
    ratio: exposure.eq(0) ? null : str(hedge.div(exposure.abs()).round(6)),
    tickSize: leg.tickSize,
    stepSize: leg.stepSize,
    coinStep: leg.family === 'coinm' ? COINM_COIN_STEP : str(leg.oneStep),
  };
  const coins = (x: Dec) => ({ coins: str(x), asset });

  const orphan = exposure.eq(0) && !position.eq(0);
  let status: HedgeStatus;
  if (orphan) status = 'orphan';
  else if (delta.abs().lte(target.abs().times(tolerance)) || (!position.eq(0) && delta.abs().lt(leg.oneStep))) status = 'hedged';
  else status = position.abs().lt(target.abs()) ? 'under' : 'over';

  if (status === 'hedged' && intent !== 'close') {
    return { ...plan, status, residual: str(delta.abs()), reason: words(exposure.eq(0) ? 'reasonNothingHeld' : 'reasonOnTarget', asset) };
  }
  if (delta.eq(0)) return { ...plan, status, reason: words('reasonNothingToClose', asset) };

  // Closing buys back every contract of the leg, not the coins they stand for at this mark.
  const closing = orphan || intent === 'close';
  let quantity = closing ? leg.contracts.abs() : leg.contractsFor(delta.abs());
  if (reducing && quantity.gt(leg.contracts.abs())) quantity = leg.contracts.abs();
  const filled = leg.coinsIn(quantity).times(delta.s);
  const residual = str(wanted.minus(position.plus(filled)).abs());

  if (leg.tooSmall(quantity, reducing)) {
    return {
      ...plan,
      status: 'below-min',
      residual: str(delta.abs()),
      reason: leg.minNotional
        ? words('reasonBelowMin', coins(delta.abs()), leg.symbol, coins(leg.minCoins), { money: str(leg.minNotional), decimals: 0 }, leg.quoteAsset)
        : words('reasonBelowMinCoinm', coins(delta.abs()), leg.symbol, coins(leg.minCoins)),
    };
  }

  const order: HedgeOrder = {
    symbol: leg.symbol,
    side: delta.gt(0) ? 'BUY' : 'SELL',
    positionSide: snapshot.dualSidePosition ? (closing ? (position.lt(0) ? 'SHORT' : 'LONG') : hedgeSide) : 'BOTH',
    quantity: str(quantity),
    // Hedge mode rejects reduceOnly; there the position side alone says "reduce".
    reduceOnly: !snapshot.dualSidePosition && reducing,
    notional: str(leg.notional(quantity)),
    coins: str(leg.coinsIn(quantity)),
  };
  const reason =
    status === 'under'
      ? words('reasonUnder', coins(delta.abs()))
      : status === 'over'
        ? words('reasonOver', coins(delta.abs()), asset)
        : status === 'orphan'
          ? words('reasonOrphan', asset, coins(position.abs()))
          : words('reasonCloses', coins(position.abs()));
  return { ...plan, status, order, residual, reason };
}

/** The coin a futures symbol hedges, from its base asset. */
const coinOf = (symbol: string, futuresSymbols: ExchangeInfoSymbol[]): string | null => {
  const info = futuresSymbols.find((s) => s.symbol === symbol);
  return info ? splitBase(info.baseAsset).coin : null;
};

/** One plan per asset with spot exposure or an open position, ignored assets left out. */
export function planHedges(snapshot: Snapshot, settings: HedgeSettings = HEDGE_DEFAULTS): HedgePlan[] {
  const assets = new Set<string>();
  for (const asset of new Set([...snapshot.balances.map((b) => b.asset), ...(snapshot.wallets ?? []).map((w) => w.asset)])) {
    if (!exposureOf(asset, snapshot, settings).eq(0)) assets.add(asset);
  }
  for (const p of snapshot.positions) {
    if (dec(p.positionAmt, `${p.symbol} positionAmt`).eq(0)) continue;
    const coin = coinOf(p.symbol, snapshot.futuresSymbols);
    if (coin) assets.add(coin);
  }
  for (const p of snapshot.coinm?.positions ?? []) {
    if (dec(p.positionAmt, `${p.symbol} positionAmt`).eq(0)) continue;
    const contract = snapshot.coinm?.contracts.find((c) => c.symbol === p.symbol);
    if (contract) assets.add(contract.baseAsset);
  }
  // A row that could not be read may hide a balance or a short: its asset is shown as such.
  for (const id of snapshot.unreadable ?? []) {
    const coin = coinOfSymbol(id) ?? (/^[A-Z][A-Z0-9]*$/.test(id) ? id : null);
    if (coin) assets.add(coin);
  }
  return [...assets]
    .filter((a) => !settings.ignore.includes(a))
    .sort()
    .map((a) => planFor(a, snapshot, settings));
}
