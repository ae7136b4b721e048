/**
 * Reads of the account and market, cached by how fast each changes: contract rules hourly,
 * position and margin modes, symbol settings and the Earn and Funding wallets for minutes,
 * balances and positions for seconds. `fresh` re-reads the moving parts (a preview must show the
 * account as it is now).
 */
import Big from 'big.js';
import type { Snapshot, Wallet, WalletBalance } from '../core';
import type { TtlCache } from './cache';
import type { CoinmExchange } from '../binance/coinm';
import { BinanceError } from '../binance/errors';
import type { Exchange } from '../binance/exchange';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const LIVE = 5_000;
/** Simple Earn's two position lists cost 150 weight each (300 with Funding's 1): read every few minutes, or on a balance event at most once a minute. */
const WALLETS_TTL = 5 * MINUTE;
const PREVIEW_WALLETS_AGE = 2 * MINUTE;
/** A preview after the spot balances moved reads the wallets again once they are this old. */
const MOVED_WALLETS_AGE = 15_000;
/** The list replies a snapshot is made of: a row of theirs that cannot be read concerns a hedge. */
const SNAPSHOT_PATHS = ['/api/v3/account', '/fapi/v1/exchangeInfo', '/fapi/v3/positionRisk', '/fapi/v1/premiumIndex'];
const COINM_PATHS = ['/dapi/v1/exchangeInfo', '/dapi/v1/premiumIndex', '/dapi/v1/positionRisk'];
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

/** What COIN-M adds to a snapshot: its contracts, marks and positions, and the coins in its wallet. */
type CoinmReading = { coinm: NonNullable<Snapshot['coinm']>; wallets: WalletBalance[] } | null;

/**
 * COIN-M's perpetuals, marks, positions and wallet. A refusal with a Binance code (COIN-M not
 * offered to this account or key) means no COIN-M route, not a broken account; any other failure
 * leaves COIN-M unread, which holds every plan (a short there may be hedging a coin).
 */
async function coinmReading(coinm: CoinmExchange, cache: TtlCache): Promise<CoinmReading> {
  try {
    const [symbols, markPrices, positions, account] = await Promise.all([
      cache.get('coinm:symbols', HOUR, () => coinm.symbols()),
      cache.get('coinm:premium', LIVE, () => coinm.premiumIndex()),
      cache.get('coinm:positions', LIVE, () => coinm.positionRisk()),
      cache.get('coinm:account', LIVE, () => coinm.account()),
    ]);
    const contracts = symbols
      .filter((s) => s.contractType === 'PERPETUAL')
      .map((s) => ({ symbol: s.symbol, baseAsset: s.baseAsset, contractType: s.contractType, status: s.contractStatus, contractSize: String(s.contractSize), filters: s.filters }));
    return {
      coinm: { contracts, markPrices: markPrices.filter((m) => m.lastFundingRate !== ''), positions },
      // The coins there as the user owns them now: wallet plus the positions' unrealized PnL.
      wallets: account.assets.filter((a) => !new Big(a.marginBalance).eq(0)).map((a) => ({ asset: a.asset, wallet: 'coinm' as const, amount: a.marginBalance })),
    };
  } catch (err) {
    if (err instanceof BinanceError && err.code !== undefined) return null;
    throw err;
  }
}

/**
 * @param sapi whether the environment has Binance's wallet API (/sapi): demo trading and the
 *   testnets do not, and hold coins in Spot only.
 * @param coinm COIN-M futures, where the environment has them.
 */
export function market(exchange: Exchange, cache: TtlCache, sapi = true, coinm?: CoinmExchange) {
  const live = ['spot', 'positions', 'premium', 'account', 'coinm:premium', 'coinm:positions', 'coinm:account'];
  // Spot balances that changed since the Earn and Funding wallets were read may have come from or
  // gone to them, with no stream to say so when the streams are down.
  let spotSeen: unknown;
  let walletsSeen: unknown;
  let walletsBehind = false;
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
    /** COIN-M, or null where it is not offered; `unreadable` when it could not be read. */
    coinm: (): Promise<CoinmReading | 'unreadable'> => (coinm ? coinmReading(coinm, cache).catch(() => 'unreadable' as const) : Promise.resolve(null)),
    symbolConfig: (symbol: string) => cache.get(`symbolConfig:${symbol}`, 5 * MINUTE, () => exchange.symbolConfig(symbol)),
    spotBalances: () => cache.get('spot', LIVE, () => exchange.spotBalances()),
    positions: () => cache.get('positions', LIVE, () => exchange.positionRisk()),
    premiumIndex: () => cache.get('premium', LIVE, () => exchange.premiumIndex()),
    account: () => cache.get('account', LIVE, () => exchange.account()),

    /**
     * The account and market for planning. `live` re-reads balances, positions and marks (the
     * monitor); `all` the Earn and Funding wallets too unless read in the last two minutes and the
     * spot balances have not changed since (a preview: its order must match the account as it is
     * now; a move between wallets already dropped them, and at 300 weight a read they are not read
     * for every preview); `cached` takes what the cache holds.
     */
    async snapshot(read: 'cached' | 'live' | 'all' = 'cached'): Promise<Snapshot> {
      if (read !== 'cached') for (const key of live) cache.invalidate(key);
      if (read === 'all') cache.expireOlderThan('wallets', PREVIEW_WALLETS_AGE);
      let [balances, futuresSymbols, positions, markPrices, mode, other, cm] = await Promise.all([
        api.spotBalances(),
        api.futuresSymbols(),
        api.positions(),
        api.premiumIndex(),
        api.mode(),
        api.wallets(),
        api.coinm(),
      ]);
      const moved = spotSeen !== undefined && balances !== spotSeen && JSON.stringify(balances) !== JSON.stringify(spotSeen);
      if (other !== walletsSeen) walletsBehind = false; // read again beside these balances
      else if (moved) walletsBehind = true;
      if (read === 'all' && walletsBehind) {
        // At 300 weight, not for every preview of a spot balance that keeps moving (a buy is a move too).
        cache.expireOlderThan('wallets', MOVED_WALLETS_AGE);
        other = await api.wallets();
        walletsBehind = other === walletsSeen;
      }
      spotSeen = balances;
      walletsSeen = other;
      const unreadable = [...SNAPSHOT_PATHS, ...(sapi ? WALLET_PATHS : [])].flatMap((path) => exchange.unreadable(path));
      if (coinm && cm && cm !== 'unreadable') unreadable.push(...COINM_PATHS.flatMap((path) => coinm.unreadable(path)));
      const unreadableWallets: Wallet[] = [...other.unreadable, ...(cm === 'unreadable' ? ['coinm' as const] : [])];
      return {
        balances,
        wallets: [...other.wallets, ...(cm && cm !== 'unreadable' ? cm.wallets : [])],
        ...(unreadableWallets.length ? { unreadableWallets } : {}),
        ...(cm && cm !== 'unreadable' ? { coinm: cm.coinm } : {}),
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

    /** The COIN-M exchange, when the environment has it: a route for hedges. */
    coinmExchange: coinm ?? null,

    /** The coin in the COIN-M wallet, read fresh: its balance and what it can release (back to Spot after a close). */
    async coinmWallet(asset: string): Promise<{ walletBalance: string; availableBalance: string }> {
      if (!coinm) return { walletBalance: '0', availableBalance: '0' };
      cache.invalidate('coinm:account');
      const row = (await cache.get('coinm:account', LIVE, () => coinm.account())).assets.find((a) => a.asset === asset);
      return { walletBalance: row?.walletBalance ?? '0', availableBalance: row?.availableBalance ?? '0' };
    },
    coinmCommission: (symbol: string) => cache.get(`coinm:commission:${symbol}`, HOUR, () => coinm!.commissionRate(symbol)),
    coinmBrackets: () => cache.get('coinm:brackets', HOUR, () => coinm!.leverageBrackets()),
  };
  return api;
}

export type Market = ReturnType<typeof market>;
