import { describe, expect, it } from 'vitest';
import { pairFromUrl } from '../../../src/content/binance-url';

describe('pairFromUrl', () => {
  it.each([
    ['https://www.binance.com/en/trade/BTC_USDT?type=spot', 'BTC', 'USDT'],
    ['https://www.binance.com/en/trade/BTC_USDT', 'BTC', 'USDT'],
    ['https://www.binance.com/trade/ETH_USDC?type=spot', 'ETH', 'USDC'],
    ['https://www.binance.com/zh-CN/trade/SOL_FDUSD?type=spot', 'SOL', 'FDUSD'],
    ['https://www.binance.com/pt-BR/trade/PEPE_USDT?type=spot&_from=markets', 'PEPE', 'USDT'],
    ['https://www.binance.com/en-GB/trade/1INCH_BTC?type=spot', '1INCH', 'BTC'],
    ['https://www.binance.com/zh-TC/trade/BNB_USDT/', 'BNB', 'USDT'],
  ])('%s → %s/%s', (url, base, quote) => {
    expect(pairFromUrl(url)).toEqual({ base, quote });
  });

  it.each([
    'https://www.binance.com/en/trade/BTC_USDT?type=cross',
    'https://www.binance.com/en/trade/BTC_USDT?type=isolated',
    'https://www.binance.com/en/futures/BTCUSDT',
    'https://www.binance.com/en/trade/btc_usdt',
    'https://www.binance.com/en/trade/BTC_USDT/extra',
    'https://binance.com.evil.io/en/trade/BTC_USDT',
    'http://www.binance.com/en/trade/BTC_USDT',
    'not a url',
  ])('ignores %s', (url) => {
    expect(pairFromUrl(url)).toBeNull();
  });
});
