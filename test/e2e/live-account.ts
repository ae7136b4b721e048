/** The account the live tests and benchmarks run on (streams.e2e.ts, bench/live-bench.ts). */

/**
 * 100 LINK and 100 SOL, both fully hedged, on 9,000 USDT of cross margin. Margin ratio =
 * (LINK maint 21.5 + SOL maint (m − 50)) / (9,000 − 100·(m − 180)): 1.7 % now and nothing near
 * liquidation (SOL's is 48 % away, LINK's far more), critical (88 %) at m = 267.3, liquidated only
 * at m ≈ 267.6.
 */
export const LIVE_ACCOUNT = {
  spot: { LINK: '100', SOL: '100', USDT: '1000' },
  futuresUSDT: '9000',
  positions: [
    { symbol: 'LINKUSDT', positionAmt: '-100', entryPrice: '21.5' },
    { symbol: 'SOLUSDT', positionAmt: '-100', entryPrice: '180' },
  ],
  leverage: { LINKUSDT: 2, SOLUSDT: 2 },
};
