/**
 * Hedge planning: for each coin, the perpetual position that offsets it and the one order that
 * gets there. Quantities in coins are signed (a short is negative); orders are in contract units
 * (coins ÷ multiplier), rounded DOWN to the step so a hedge never overshoots by a step or more.
 */
import { lotRules, perpFor, roundDown, splitBase } from './contract';
import { CoreInputError, D, dec, str, type Dec } from './decimal';
import { words, type Words } from './words';
import { WALLETS, type ExchangeInfoSymbol, type OrderSpec, type PositionRisk, type PremiumIndex, type SpotBalance, type Wallet, type WalletBalance } from './types';

export type HedgeStatus = 'hedged' | 'under' | 'over' | 'orphan' | 'no-perp' | 'stablecoin' | 'below-min' | 'unreadable';
export type Intent = 'hedge' | 'close';

export interface HedgeOrder extends OrderSpec {
  /** quantity × mark price, in the quote asset. */
  notional: string;
}

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
  /** The perpetual's PRICE_FILTER.tickSize and LOT_SIZE step (contract units): how its numbers are shown. */
  tickSize: string | null;
  stepSize: string | null;
}

export interface Snapshot {
  balances: SpotBalance[];
  /** Coins in Simple Earn and the Funding wallet (none where Binance has no /sapi: demo, testnet). */
  wallets?: WalletBalance[];
  /** Wallets that could not be read: a hedge of any coin cannot be judged without them. */
  unreadableWallets?: Wallet[];
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
});

/** Each wallet's name, as a message id. */
export const WALLET_WORDS: Record<Wallet, string> = {
  spot: 'walletSpot',
  earnFlexible: 'walletEarnFlexible',
  earnLocked: 'walletEarnLocked',
  funding: 'walletFunding',
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

/** The perpetual that hedges `asset`: the one its open position is on, else the first quote that has one. */
function perpOf(asset: string, snapshot: Snapshot): { symbol: string; multiplier: string } | null {
  const perps = (snapshot.quotes ?? ['USDT']).flatMap((quote) => perpFor(asset, snapshot.futuresSymbols, quote) ?? []);
  const open = perps.find((perp) => snapshot.positions.some((p) => p.symbol === perp.symbol && !dec(p.positionAmt, `${p.symbol} positionAmt`).eq(0)));
  return open ?? perps[0] ?? null;
}

/** The share of `asset` to hedge: its own target when the user set one, else the global ratio. */
export const ratioFor = (asset: string, settings: HedgeSettings): string => settings.ratios[asset] ?? settings.hedgeRatio;

export function planFor(asset: string, snapshot: Snapshot, settings: HedgeSettings = HEDGE_DEFAULTS, intent: Intent = 'hedge'): HedgePlan {
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
  const perp = perpOf(asset, snapshot);
  if (!perp) {
    return { ...base(asset), exposure: str(exposure), holdings, status: 'no-perp', reason: words('reasonNoPerp', asset) };
  }
  const info = snapshot.futuresSymbols.find((s) => s.symbol === perp.symbol)!;
  const rules = lotRules(info);
  const mult = D(perp.multiplier);
  const step = rules.stepSize.times(mult); // one step, in coins

  // A long hedge (for a borrowed balance) sits on the LONG side in hedge mode; a short on SHORT.
  const hedgeSide = exposure.lt(0) ? 'LONG' : 'SHORT';
  const rows = snapshot.positions.filter(
    (p) => p.symbol === perp.symbol && (snapshot.dualSidePosition ? p.positionSide === hedgeSide : p.positionSide === 'BOTH'),
  );
  const position = rows.reduce((sum, p) => sum.plus(dec(p.positionAmt, `${p.symbol} positionAmt`)), D(0)).times(mult);
  const direction = exposure.lt(0) ? -1 : 1;
  const target = exposure.times(ratioSetting).times(-1); // signed coins the position should be
  const hedge = position.times(-direction);
  const plan = {
    ...base(asset, perp.multiplier),
    symbol: perp.symbol,
    exposure: str(exposure),
    holdings,
    hedge: str(hedge),
    target: str(target.abs()),
    ratio: exposure.eq(0) ? null : str(hedge.div(exposure.abs()).round(6)),
    tickSize: info.filters.find((f) => f.filterType === 'PRICE_FILTER')?.tickSize ?? null,
    stepSize: str(rules.stepSize),
  };
  const coins = (x: Dec) => ({ coins: str(x), asset });

  const wanted = intent === 'close' ? D(0) : target;
  const delta = wanted.minus(position); // coins to buy (+) or sell (−)
  const orphan = exposure.eq(0) && !position.eq(0);
  let status: HedgeStatus;
  if (orphan) status = 'orphan';
  else if (delta.abs().lte(target.abs().times(tolerance)) || (!position.eq(0) && delta.abs().lt(step))) status = 'hedged';
  else status = position.abs().lt(target.abs()) ? 'under' : 'over';

  if (status === 'hedged' && intent !== 'close') {
    return { ...plan, status, residual: str(delta.abs()), reason: words(exposure.eq(0) ? 'reasonNothingHeld' : 'reasonOnTarget', asset) };
  }
  if (delta.eq(0)) return { ...plan, status, reason: words('reasonNothingToClose', asset) };

  const reducing = !position.eq(0) && delta.s !== position.s && delta.abs().lte(position.abs());
  let quantity = roundDown(delta.abs().div(mult), rules.stepSize);
  if (quantity.gt(rules.maxQty)) quantity = roundDown(rules.maxQty, rules.stepSize);
  const premium = snapshot.markPrices.find((p) => p.symbol === perp.symbol);
  if (!premium) throw new CoreInputError(`No mark price for ${perp.symbol}.`);
  const mark = dec(premium.markPrice, `${perp.symbol} markPrice`);
  if (mark.lte(0)) throw new CoreInputError(`The mark price of ${perp.symbol} is not positive.`);
  const notional = quantity.times(mark);
  const filled = quantity.times(mult).times(delta.s);
  const residual = str(wanted.minus(position.plus(filled)).abs());

  // Binance exempts orders that only reduce a position from MIN_NOTIONAL, not from the lot size.
  if (quantity.eq(0) || quantity.lt(rules.minQty) || (!reducing && notional.lt(rules.minNotional))) {
    return {
      ...plan,
      status: 'below-min',
      residual: str(delta.abs()),
      reason: words('reasonBelowMin', coins(delta.abs()), perp.symbol, coins(rules.minQty.times(mult)), { money: str(rules.minNotional), decimals: 0 }, info.quoteAsset),
    };
  }

  const order: HedgeOrder = {
    symbol: perp.symbol,
    side: delta.gt(0) ? 'BUY' : 'SELL',
    positionSide: snapshot.dualSidePosition ? (orphan || intent === 'close' ? (position.lt(0) ? 'SHORT' : 'LONG') : hedgeSide) : 'BOTH',
    quantity: str(quantity),
    // Hedge mode rejects reduceOnly; there the position side alone says "reduce".
    reduceOnly: !snapshot.dualSidePosition && reducing,
    notional: str(notional),
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
