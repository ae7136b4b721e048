/**
 * Liquidation guards, kept true to the hedges: one reduce-only STOP_MARKET (closePosition) per
 * hedged USDⓈ-M symbol on Binance's algo service, triggering on the mark a set share of the way to
 * the liquidation price, so Binance closes the short even while the browser is closed. Like an
 * order, each is kept before its first send and an unclear answer is asked about by its client id,
 * never sent twice; a guard is moved when the hedge or its margin moves the liquidation price,
 * cancelled when the hedge closes or the guard is switched off, and made again when Binance
 * reports it gone. COIN-M hedges need none: a rally does not liquidate them.
 */
import Big from 'big.js';
import { guardMoved, guardTrigger, splitBase, words } from '../core';
import type { Exchange } from '../binance/exchange';
import { isAccepted, isFateUnknown } from '../binance/errors';
import type { Guard, WarningView } from '../shared/hedge-types';
import type { Settings } from '../shared/settings';
import type { Stored } from '../shared/storage';
import type { Market } from './market';
import { finalAfter } from './order-fate';

/** Our guards' client algo ids start so: an ALGO_UPDATE of another tool's algo order is not ours. */
const PREFIX = 'sg-';
/** Algo statuses after which the guard is gone from Binance's book. */
const GONE = new Set(['CANCELED', 'EXPIRED', 'REJECTED', 'FINISHED', 'TRIGGERED']);
const FIRED = new Set(['TRIGGERED', 'FINISHED']);

export interface GuardDeps {
  exchange: Pick<Exchange, 'newAlgoOrder' | 'getAlgoOrder' | 'cancelAlgoOrder' | 'openAlgoOrders'>;
  market: Market;
  guards: Stored<Record<string, Guard>>;
  settings: () => Promise<Settings>;
  now: () => number;
  recvWindowMs: number;
  notify: (w: WarningView) => Promise<void>;
  /** A fresh random part for a client algo id. */
  newId: () => string;
}

/** What a guard should be for each hedged symbol now: its side and trigger. */
type Wanted = Record<string, Pick<Guard, 'symbol' | 'asset' | 'side' | 'positionSide' | 'triggerPrice'>>;

/**
 * One run at a time in the worker, across rebuilt keepers too (a settings change rebuilds the
 * keyed services while a guard may be on its way): two runs could each see no guard and send one.
 */
let running: Promise<unknown> = Promise.resolve();

export function guardKeeper(deps: GuardDeps) {
  async function wanted(s: Settings): Promise<Wanted> {
    if (!s.guard.enabled) return {};
    const snapshot = await deps.market.snapshot('live');
    const out: Wanted = {};
    for (const p of snapshot.positions) {
      const amount = new Big(p.positionAmt);
      if (amount.eq(0) || !p.liquidationPrice) continue;
      const info = snapshot.futuresSymbols.find((x) => x.symbol === p.symbol);
      const mark = snapshot.markPrices.find((m) => m.symbol === p.symbol)?.markPrice;
      const tick = info?.filters.find((f) => f.filterType === 'PRICE_FILTER')?.tickSize;
      if (!info || !mark || !tick) continue;
      const short = amount.lt(0);
      const trigger = guardTrigger({ positionSide: short ? 'SHORT' : 'LONG', markPrice: mark, liquidationPrice: p.liquidationPrice, distance: s.guard.distance, tickSize: tick });
      if (!trigger) continue;
      const asset = splitBase(info.baseAsset).coin;
      out[p.symbol] = { symbol: p.symbol, asset, side: short ? 'BUY' : 'SELL', positionSide: p.positionSide, triggerPrice: trigger };
    }
    return out;
  }

  /** A guard sent without a clear answer: kept as Binance reports it, or dropped once Binance cannot have it. */
  async function settle(g: Guard): Promise<Guard | null | 'ask-later'> {
    const found = await deps.exchange.getAlgoOrder(g.clientAlgoId).catch(() => 'ask-later' as const);
    if (found === 'ask-later') return found;
    if (found) return GONE.has(found.algoStatus) ? null : { ...g, status: 'open' };
    return deps.now() >= finalAfter(g.sentAt, deps.recvWindowMs) ? null : 'ask-later';
  }

  async function place(guards: Record<string, Guard>, w: Wanted[string]): Promise<void> {
    const g: Guard = { ...w, clientAlgoId: `${PREFIX}${deps.newId()}`, status: 'pending', sentAt: deps.now() };
    guards[w.symbol] = g;
    await deps.guards.set({ ...guards }); // kept before the first send
    try {
      await deps.exchange.newAlgoOrder({ symbol: g.symbol, side: g.side, positionSide: g.positionSide, triggerPrice: g.triggerPrice, clientAlgoId: g.clientAlgoId });
      guards[w.symbol] = { ...g, status: 'open' };
    } catch (err) {
      // Binance may have it: asked about by its id before anything else is sent for this symbol.
      if (isFateUnknown(err) || isAccepted(err)) guards[w.symbol] = { ...g, status: 'unknown' };
      else delete guards[w.symbol]; // refused: tried again next time
    }
    await deps.guards.set({ ...guards });
  }

  /** `changed`: symbols whose hedge just changed: their guard moves to its new place, however little. */
  async function syncOnce(changed: string[]): Promise<void> {
    const s = await deps.settings();
    const guards = { ...(await deps.guards.get()) };
    const want = await wanted(s);
    const unsure = new Set<string>();
    for (const g of Object.values(guards)) {
      if (g.status === 'open') continue;
      const settled = await settle(g);
      if (settled === 'ask-later') unsure.add(g.symbol);
      else if (settled) guards[g.symbol] = settled;
      else delete guards[g.symbol];
    }
    // Binance's book of each guarded symbol (weight 1 each) tells which open guards it no longer has.
    for (const g of Object.values(guards)) {
      if (g.status !== 'open') continue;
      const book = await deps.exchange.openAlgoOrders(g.symbol).catch(() => null);
      if (book && !book.some((o) => o.clientAlgoId === g.clientAlgoId)) delete guards[g.symbol];
    }
    await deps.guards.set({ ...guards });
    for (const symbol of new Set([...Object.keys(guards), ...Object.keys(want)])) {
      if (unsure.has(symbol)) continue;
      const g = guards[symbol];
      const w = want[symbol];
      const mark = w ? (await deps.market.premiumIndex()).find((m) => m.symbol === symbol)?.markPrice : undefined;
      const moved = changed.includes(symbol) ? g?.triggerPrice !== w?.triggerPrice : mark !== undefined && g !== undefined && w !== undefined && guardMoved(g.triggerPrice, w.triggerPrice, mark);
      const stale = g && w && (g.side !== w.side || g.positionSide !== w.positionSide || moved);
      if (g && (!w || stale)) {
        const cancelled = await deps.exchange.cancelAlgoOrder(g.clientAlgoId).then(() => true, () => false);
        if (!cancelled) continue; // still on Binance's book: try again next time, never a second guard
        delete guards[symbol];
        await deps.guards.set({ ...guards });
      }
      if (w && (!g || stale)) await place(guards, w);
    }
  }

  /** A guard Binance reports gone: dropped, and the user told when it fired. Returns its asset. */
  async function gone(o: { caid: string; s: string; X: string; tp?: string }): Promise<string | null> {
    if (!o.caid.startsWith(PREFIX) || !GONE.has(o.X)) return null;
    const guards = { ...(await deps.guards.get()) };
    const g = guards[o.s];
    if (!g || g.clientAlgoId !== o.caid) return null;
    delete guards[o.s];
    await deps.guards.set(guards);
    if (FIRED.has(o.X)) {
      await deps.notify({
        id: `guard:${o.caid}`,
        severity: 'critical',
        asset: g.asset,
        kind: 'guard',
        message: words('notifyGuardFired', g.symbol, { price: o.tp || g.triggerPrice }, g.asset),
      });
    }
    return g.asset;
  }

  return {
    /**
     * Brings every guard in line with the hedges and the setting, one run at a time. A guard moves
     * when its trigger is a tenth of the way off — or at all, for `changed` symbols (an order on
     * them just changed the hedge and its margin).
     */
    sync(changed: string[] = []): Promise<void> {
      const next = running.catch(() => undefined).then(() => syncOnce(changed));
      running = next;
      return next;
    },

    /**
     * ALGO_UPDATE: a guard that fired is reported once, critically (TRIGGERED and FINISHED both
     * come: the first one tells); one gone is made again by the next sync. Returns its asset.
     */
    onUpdate(o: { caid: string; s: string; X: string; tp?: string }): Promise<string | null> {
      const next = running.catch(() => undefined).then(() => gone(o));
      running = next.then(() => undefined);
      return next;
    },

    /** The guard of each symbol, for the views. */
    all: () => deps.guards.get(),
  };
}

export type GuardKeeper = ReturnType<typeof guardKeeper>;
