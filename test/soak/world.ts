/**
 * The soak's world: a seeded, reproducible account and market around the product. Marks walk
 * (with a few ±20 % jumps), funding rates of both signs are set for each period at each symbol's
 * interval, the user trades, moves coins to and from Simple Earn, and the infrastructure misbehaves
 * (429s and 5xx, stream drops, listenKey expiry, worker stops). Each minute's events come from that
 * minute's own random stream, so a seed gives the same world whatever the product did.
 */
import Big from 'big.js';
import type { AccountSpec } from '../sim/account';
import type { Fault } from '../sim/faults';
import { DEMO_KEY, demoAccount } from '../sim/seed';
import { rng } from './rng';

export const MINUTE = 60_000;
export const DAY_MINUTES = 1440;

/** The coins held: one funding every 4 h (ZEC), the others every 8 h; PEPE trades as 1000PEPEUSDT. */
export const COINS: Record<string, { start: string; price: number; step: string }> = {
  BTC: { start: '1.5', price: 97_000, step: '0.00001' },
  ETH: { start: '12', price: 3_400, step: '0.0001' },
  SOL: { start: '250', price: 180, step: '0.001' },
  ZEC: { start: '100', price: 52, step: '0.001' },
  PEPE: { start: '30000000', price: 0.000012, step: '1' },
};
export const SYMBOLS: Record<string, string> = { BTC: 'BTCUSDT', ETH: 'ETHUSDT', SOL: 'SOLUSDT', ZEC: 'ZECUSDT', PEPE: '1000PEPEUSDT' };

/** The account: the coins above in Spot, enough USDT in Spot to margin every hedge at 2× after rallies. */
export const account = (): AccountSpec => ({
  ...demoAccount(),
  spot: { ...Object.fromEntries(Object.entries(COINS).map(([c, v]) => [c, v.start])), USDT: '600000' },
  futuresUSDT: '500',
});

export type WorldEvent =
  | { kind: 'jump'; coin: string; pct: number }
  | { kind: 'trade'; coin: string; what: 'buy' | 'sell' | 'sell-all' | 'dust' | 'buy-back'; spot: string; earn?: { flexible: string; locked: string } }
  | { kind: 'earn'; coin: string; what: 'to-earn' | 'from-earn'; type: 'flexible' | 'locked'; spot: string; earn: string }
  | { kind: 'fault'; fault: Fault }
  | { kind: 'restart'; why: string }
  | { kind: 'streams'; on: boolean }
  | { kind: 'drop-streams' }
  | { kind: 'end-spot-streams' }
  | { kind: 'expire-listen-keys'; why: string };

/** What the world needs to know of the account to trade: coins in Spot and in Earn, by wallet. */
export interface Holdings {
  spot(coin: string): Big;
  earn(coin: string, type: 'flexible' | 'locked'): Big;
}

/** Read paths the product uses every minute or on an action, and the faults they get. */
const READ_FAULTS: { path: string; method: string }[] = [
  { method: 'GET', path: '/fapi/v3/account' },
  { method: 'GET', path: '/api/v3/account' },
  { method: 'GET', path: '/fapi/v3/positionRisk' },
  { method: 'GET', path: '/fapi/v1/premiumIndex' },
  { method: 'GET', path: '/fapi/v1/income' },
  { method: 'GET', path: '/fapi/v1/order' },
  { method: 'GET', path: '/sapi/v1/simple-earn/flexible/position' },
  { method: 'POST', path: '/sapi/v1/asset/transfer' },
  { method: 'POST', path: '/fapi/v1/leverage' },
];

const roundTo = (x: Big, step: string): Big => x.div(step).round(0, Big.roundDown).times(step);

export class World {
  /** Price of each coin (USD per coin), walked every minute. */
  readonly price = new Map<string, number>(Object.entries(COINS).map(([c, v]) => [c, v.price]));
  private readonly jumps = new Map<number, { coin: string; pct: number }>();
  private readonly windows: { from: number; to: number }[] = [];

  constructor(readonly seed: number, readonly days: number) {
    for (let d = 0; d < days; d++) {
      const r = rng(seed, 'day', d);
      // A few ±20 % jumps: none, one or two a day, each on one coin at a random minute.
      const n = r.pick([0, 1, 1, 2]);
      for (let i = 0; i < n; i++) this.jumps.set(d * DAY_MINUTES + r.int(30, DAY_MINUTES - 30), { coin: r.pick(Object.keys(COINS)), pct: r.chance(0.5) ? 20 : -20 });
      // The live streams are on for one to two hours a day; the rest is the minute alarm's polling.
      const from = d * DAY_MINUTES + r.int(60, DAY_MINUTES - 200);
      this.windows.push({ from, to: from + r.int(60, 120) });
    }
  }

  /** Whether the streams are on during minute `m`. */
  streamsOn(m: number): boolean {
    return this.windows.some((w) => m >= w.from && m < w.to);
  }

  get streamWindows(): readonly { from: number; to: number }[] {
    return this.windows;
  }

  /** The funding rate for the period after a settlement at `time`: mostly small and positive, often negative, sometimes costly. */
  fundingRate(symbol: string, time: number): string {
    const r = rng(this.seed, 'funding', symbol, time);
    const kind = r.next();
    const rate = kind < 0.55 ? r.between(0.00002, 0.0003) : kind < 0.9 ? -r.between(0.000005, 0.0003) : -r.between(0.0005, 0.002);
    return rate.toFixed(6);
  }

  /** Every coin's mark for minute `m` (a random walk pulled gently back to its start), jumps included. */
  walk(m: number): { coin: string; price: number }[] {
    const r = rng(this.seed, 'marks', m);
    const out: { coin: string; price: number }[] = [];
    for (const [coin, v] of Object.entries(COINS)) {
      const p = this.price.get(coin)!;
      let next = p * Math.exp(0.0012 * r.normal() - 0.0003 * Math.log(p / v.price));
      const jump = this.jumps.get(m);
      if (jump?.coin === coin) next = p * (1 + jump.pct / 100);
      this.price.set(coin, next);
      out.push({ coin, price: next });
    }
    return out;
  }

  jumpAt(m: number): { coin: string; pct: number } | undefined {
    return this.jumps.get(m);
  }

  /** The minute's trades, wallet moves, faults, stops and stream troubles. */
  events(m: number, held: Holdings): WorldEvent[] {
    const r = rng(this.seed, 'world', m);
    const out: WorldEvent[] = [];
    const jump = this.jumps.get(m);
    if (jump) out.push({ kind: 'jump', ...jump });
    // The user's own trades and wallet moves on Binance: about nine a day.
    if (r.chance(9 / DAY_MINUTES)) {
      const coin = r.pick(Object.keys(COINS));
      const { step, start } = COINS[coin]!;
      const spot = held.spot(coin);
      const flexible = held.earn(coin, 'flexible');
      const locked = held.earn(coin, 'locked');
      const kind = r.next();
      const some = (x: Big, lo: number, hi: number) => roundTo(x.times(r.between(lo, hi).toFixed(4)), step);
      if (kind < 0.28) {
        const base = spot.plus(flexible).plus(locked);
        const amount = base.gt(0) ? some(base, 0.05, 0.4) : some(new Big(start), 0.3, 1);
        out.push({ kind: 'trade', coin, what: base.gt(0) ? 'buy' : 'buy-back', spot: spot.plus(amount).toFixed() });
      } else if (kind < 0.5) {
        out.push({ kind: 'trade', coin, what: 'sell', spot: spot.minus(some(spot, 0.1, 0.6)).toFixed() });
      } else if (kind < 0.58) {
        // Everything sold, Earn redeemed first: the short is left with no coins behind it.
        out.push({ kind: 'trade', coin, what: 'sell-all', spot: '0', earn: { flexible: '0', locked: '0' } });
      } else if (kind < 0.62) {
        // Dust: less than the smallest order is left.
        const dust = roundTo(new Big(0.5).div(this.price.get(coin)!), step);
        out.push({ kind: 'trade', coin, what: 'dust', spot: dust.toFixed(), earn: { flexible: '0', locked: '0' } });
      } else if (kind < 0.84) {
        const type = r.chance(0.3) ? 'locked' : 'flexible';
        const amount = some(spot, 0.2, 1);
        const now = type === 'locked' ? locked : flexible;
        if (amount.gt(0)) out.push({ kind: 'earn', coin, what: 'to-earn', type, spot: spot.minus(amount).toFixed(), earn: now.plus(amount).toFixed() });
      } else {
        const type = locked.gt(0) && r.chance(0.3) ? 'locked' : 'flexible';
        const now = type === 'locked' ? locked : flexible;
        if (now.gt(0)) out.push({ kind: 'earn', coin, what: 'from-earn', type, spot: spot.plus(now).toFixed(), earn: '0' });
      }
    }
    // 429s and 5xx on the reads and writes the product makes: about one every half hour.
    if (r.chance(1 / 30)) {
      const target = r.pick(READ_FAULTS);
      const kind = r.pick(['http5xx', 'http5xx', '429'] as const);
      const fault: Fault = { match: target, count: r.int(1, 2), kind };
      if (kind === 'http5xx') fault.status = r.pick([500, 502, 503, 504]);
      if (kind === '429') fault.retryAfter = r.int(1, 20);
      out.push({ kind: 'fault', fault });
    }
    const wasOn = this.streamsOn(m - 1);
    const on = this.streamsOn(m);
    if (on !== wasOn) {
      out.push({ kind: 'streams', on });
      // The window opens and closes with a worker start: a new worker connects at once.
      out.push({ kind: 'restart', why: on ? 'streams on' : 'streams off' });
    } else if (r.chance(4 / DAY_MINUTES)) out.push({ kind: 'restart', why: 'idle stop' });
    if (on) {
      if (r.chance(1 / 40)) out.push({ kind: 'drop-streams' });
      if (r.chance(1 / 60)) out.push({ kind: 'end-spot-streams' });
      if (r.chance(1 / 50)) out.push({ kind: 'expire-listen-keys', why: 'random' });
    }
    // A listenKey lives 24 h at most: expired at each day's end.
    if ((m + 1) % DAY_MINUTES === 0) out.push({ kind: 'expire-listen-keys', why: '24 h' });
    return out;
  }
}

export { DEMO_KEY };
