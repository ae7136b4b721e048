import { afterEach, describe, expect, it } from 'vitest';
import { coins, countdown, dayMonth, fee, pct, plain, price, rate, signedFee, signedPct, tone, usdt } from '../../../src/shared/format';
import { english, i18nFrom } from '../chrome-i18n';

const inEnglish = chrome.i18n;
afterEach(() => void (chrome.i18n = inEnglish));
/** The browser's UI in `language` (the messages do not matter to numbers). */
const speak = (language: string) => void (chrome.i18n = i18nFrom(english, language) as unknown as typeof chrome.i18n);

describe('format', () => {
  it('writes a decimal as sent, grouped, without trailing zeros', () => {
    expect(plain('30000000')).toBe('30,000,000');
    expect(plain('1.2300')).toBe('1.23');
    expect(plain(null)).toBe('—');
  });
  it('writes prices at the contract tick, as Binance does', () => {
    expect(price('3412.69920318', '0.01')).toBe('3,412.70');
    expect(price('144477.51322751', '0.10')).toBe('144,477.5');
    expect(price('0.0120000', '0.0000001')).toBe('0.0120000');
    expect(price('180.5', null)).toBe('180.5');
    expect(price(null, '0.01')).toBe('—');
  });
  it('cuts coins to the contract step, never up, and groups them like the sentences', () => {
    expect(coins('30000999.5', '1000')).toBe('30,000,000');
    expect(coins('1.5', '0.001')).toBe('1.5');
    expect(coins('1.23456', '0.001')).toBe('1.234');
    expect(coins('0.00005', '0.001')).toBe('0');
    expect(coins('12.5', null)).toBe('12.5');
  });
  it('writes money to the cent, cut, and fees and funding to 4 places', () => {
    expect(usdt('97123.999')).toBe('97,123.99');
    expect(usdt('-0.4299')).toBe('-0.42');
    expect(fee('0.00421')).toBe('0.0042');
    expect(fee('72.75')).toBe('72.75');
    expect(fee('-13.6')).toBe('-13.60');
    expect(fee('0')).toBe('0.00');
    expect(usdt(null)).toBe('—');
  });
  it('writes fractions as percentages and funding rates with the digits Binance shows', () => {
    expect(pct('0.4312')).toBe('43.1%');
    expect(pct('1')).toBe('100.0%');
    expect(pct(null)).toBe('—');
    expect(rate('-0.00005')).toBe('-0.0050%');
    expect(rate('0.00010000')).toBe('0.0100%');
  });
  it('keeps every digit of a long decimal (no float on the way)', () => {
    expect(plain('123456789012345.123456789')).toBe('123,456,789,012,345.123456789');
    expect(coins('0.000000012345678901', '0.000000000000000001')).toBe('0.000000012345678901');
  });
  it('signs what was received or paid both ways, and writes a delivery as day and month', () => {
    expect(signedFee('12.4')).toBe('+12.40');
    expect(signedFee('-31.2')).toBe('-31.20');
    expect(signedFee('0.0042')).toBe('+0.0042');
    expect(signedPct('0.041')).toBe('+4.1%');
    expect(signedPct('-0.063267')).toBe('-6.3%');
    expect(dayMonth(Date.UTC(2027, 2, 26, 8))).toBe('Mar 26');
  });
  it('colours a signed amount', () => {
    expect(tone('-1')).toBe('down');
    expect(tone('0.5')).toBe('up');
  });
  it('counts down to the next funding: minutes while more than a minute remains, seconds in the last one', () => {
    expect(countdown(3 * 3600_000 + 5 * 60_000, 0)).toMatch(/^3 h(r|ours?)?,? 5 min/);
    expect(countdown(42 * 60_000 + 13_000, 0)).toMatch(/^42 min/);
    expect(countdown(42_000, 0)).toMatch(/^42 s/);
    expect(countdown(-5, 0)).toMatch(/^0 s/);
  });
});

describe('numbers in the user’s language', () => {
  it('uses the separators of the browser’s UI language, with the same digits', () => {
    speak('de');
    expect(price('97123.456', '0.10')).toBe('97.123,5');
    expect(usdt('-1234.5')).toBe('-1.234,50');
    expect(pct('0.4312')).toBe('43,1\u00a0%');
    speak('fr');
    expect(coins('30000999.5', '1000')).toMatch(/^30\s000\s000$/);
    speak('tr');
    expect(pct('0.4312')).toBe('%43,1');
    speak('zh-CN');
    expect(rate('-0.00005')).toBe('-0.0050%');
    expect(price('97123.456', '0.10')).toBe('97,123.5');
  });
});
