/**
 * Reads of the account and market, cached by how fast each changes: contract rules hourly,
 * position and margin modes, symbol settings and the Earn and Funding wallets for minutes,
 * balances and positions for seconds. `fresh` re-reads the moving parts (a preview must show the
 * account as it is now).
 */
import Big from 'big.js';
import type { Snapshot, Wallet, WalletBalance } from '../core';
import type { TtlCache } from './cache';
import type { Exchange } from '../binance/exchange';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const LIVE = 5_000;
/** Simple Earn positions cost 150 weight a read: read every few minutes, or on a balance event at most once a minute. */
const WALLETS_TTL = 5 * MINUTE;
const PREVIEW_WALLETS_AGE = 30_000;
/** The list replies a snapshot is made of: a row of theirs that cannot be read concerns a hedge. */
const SNAPSHOT_PATHS = ['/api/v3/account', '/fapi/v1/exchangeInfo', '/fapi/v3/positionRisk', '/fapi/v1/premiumIndex'];
const WALLET_PATHS = ['/sapi/v1/simple-earn/flexible/position', '/sapi/v1/simple-earn/locked/position', '/sapi/v1/asset/get-funding-asset'];

/** How the futures account holds its margin. */
export interface MarginMode {
  dualSidePosition: boolean;
  /** Multi-Assets mode: one USD pool over every margin asset, each at its collateral ratio. */
  multiAssetsMargin: boolean;
  /** EEA credits (BNFCR in the futures wallet): only BTC, ETH, BNB and USDC move in, not USDT. */
  credits: boolean;
}

/** Coins in Simple Earn and the Funding wallet; a wallet that could not be read is named, not guessed. */
async function otherWallets(exchange: Exchange): Promise<{ wallets: WalletBalance[]; unreadable: Wallet[] }> {
  const [flexible, locked, funding] = await Promise.allSettled([exchange.earnFlexible(), exchange.earnLocked(), exchange.fundingAssets()]);
  const wallets: WalletBalance[] = [];
  const unreadable: Wallet[] = [];
  if (flexible.status === 'fulfilled') wallets.push(...flexible.value.map((p) => ({ asset: p.asset, wallet: 'earnFlexible' as const, amount: p.totalAmount })));
  else unreadable.push('earnFlexible');
  if (locked.status === 'fulfilled') wallets.push(...locked.value.map((p) => ({ asset: p.asset, wallet: 'earnLocked' as const, amount: p.amount })));
  else unreadable.push('earnLocked');
  // Locked and frozen coins of the Funding wallet are still the user's (an open P2P order); coins being withdrawn are not.
  if (funding.status === 'fulfilled') {
    wallets.push(...funding.value.map((a) => ({ asset: a.asset, wallet: 'funding' as const, amount: new Big(a.free).plus(a.locked).plus(a.freeze).toFixed() })));
  } else unreadable.push('funding');
  return { wallets, unreadable };
}

/**
 * @param sapi whether the environment has Binance's wallet API (/sapi): demo trading and the
 *   testnets do not, and hold coins in Spot only.
 */
export function market(exchange: Exchange, cache: TtlCache, sapi = true) {
  const live = ['spot', 'positions', 'premium', 'account'];
  const api = {
    futuresSymbols: () => cache.get('exchangeInfo', HOUR, () => exchange.futuresSymbols()),
    leverageBrackets: () => cache.get('brackets', HOUR, () => exchange.leverageBrackets()),
    fundingInfo: () => cache.get('fundingInfo', HOUR, () => exchange.fundingInfo()),
    commissionRate: (symbol: string) => cache.get(`commission:${symbol}`, HOUR, () => exchange.commissionRate(symbol)),
    /** The position mode and how margin is held; credits read from the wallet's assets (BNFCR). */
    mode: () =>
      cache.get('mode', 5 * MINUTE, async (): Promise<MarginMode> => {
        const [config, account] = await Promise.all([exchange.accountConfig(), api.account()]);
        return { ...config, credits: (account.assets ?? []).some((a) => a.asset === 'BNFCR') };
      }),
    wallets: () => (sapi ? cache.get('wallets', WALLETS_TTL, () => otherWallets(exchange)) : Promise.resolve({ wallets: [], unreadable: [] })),
    symbolConfig: (symbol: string) => cache.get(`symbolConfig:${symbol}`, 5 * MINUTE, () => exchange.symbolConfig(symbol)),
    spotBalances: () => cache.get('spot', LIVE, () => exchange.spotBalances()),
    positions: () => cache.get('positions', LIVE, () => exchange.positionRisk()),
    premiumIndex: () => cache.get('premium', LIVE, () => exchange.premiumIndex()),
    account: () => cache.get('account', LIVE, () => exchange.account()),

    /**
     * The account and market for planning. `live` re-reads balances, positions and marks (the
     * monitor); `all` the Earn and Funding wallets too unless read in the last half minute (a
     * preview: its order must match the account as it is now; a move between wallets already
     * dropped them, and at 300 weight a read they are not read for every preview); `cached` takes
     * what the cache holds.
     */
    async snapshot(read: 'cached' | 'live' | 'all' = 'cached'): Promise<Snapshot> {
      if (read !== 'cached') for (const key of live) cache.invalidate(key);
      if (read === 'all') cache.expireOlderThan('wallets', PREVIEW_WALLETS_AGE);
      const [balances, futuresSymbols, positions, markPrices, mode, other] = await Promise.all([
        api.spotBalances(),
        api.futuresSymbols(),
        api.positions(),
        api.premiumIndex(),
        api.mode(),
        api.wallets(),
      ]);
      const unreadable = [...SNAPSHOT_PATHS, ...(sapi ? WALLET_PATHS : [])].flatMap((path) => exchange.unreadable(path));
      return {
        balances,
        wallets: other.wallets,
        ...(other.unreadable.length ? { unreadableWallets: other.unreadable } : {}),
        futuresSymbols,
        positions,
        markPrices,
        dualSidePosition: mode.dualSidePosition,
        // USDT cannot reach an EEA credits account's futures wallet; USDC can.
        quotes: mode.credits ? ['USDC', 'USDT'] : ['USDT'],
        ...(unreadable.length ? { unreadable } : {}),
      };
    },

    /**
     * The spot wallet changed (a stream event): its balances must be read again. Coins moved
     * between wallets (a subscription to Earn, a redemption) re-read Earn and Funding too, or a
     * hedged coin would look gone; a trade does so at most once a minute.
     */
    invalidateSpot(moved = false): void {
      cache.invalidate('spot');
      if (moved) cache.invalidate('wallets');
      else cache.expireOlderThan('wallets', MINUTE);
    },

    /** After an order or transfer: what changed on the exchange must be read again. */
    invalidateLive(symbol?: string): void {
      for (const key of live) cache.invalidate(key);
      if (symbol) cache.invalidate(`symbolConfig:${symbol}`);
    },
  };
  return api;
}

export type Market = ReturnType<typeof market>;
