import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CoreInputError, coinFees, coinFunding, coinmLiquidationPrice, coinmMaintenance, coinmRules, coinsOf, contractsFor, inversePnl, largestCoinmFit, planCoinmHedge, type InverseContractRules,
} from '../../../src/core';
import { D } from '../../../src/core/decimal';
import { COINM } from '../../sim/market';

// The simulator's brackets (caps and floors in the coin): BTCUSD_PERP 0.4 % to 5 BTC, 0.8 % (cum 0.02)
// to 10, 2 % (cum 0.14) to 20 …; ETHUSD_PERP 0.5 % to 100 ETH, 1 % (cum 0.5) to 250 …
const BTC = COINM.find((k) => k.symbol === 'BTCUSD_PERP')!.brackets;
const ETH = COINM.find((k) => k.symbol === 'ETHUSD_PERP')!.brackets;
const BTC_RULES: InverseContractRules = { contractSize: '100', stepSize: '1', minQty: '1', maxQty: '1000000' };
const ETH_RULES: InverseContractRules = { ...BTC_RULES, contractSize: '10' };

describe('COIN-M contract rules', () => {
  it('takes the coarser of LOT_SIZE and MARKET_LOT_SIZE and keeps contractSize from exchangeInfo', () => {
    const rules = coinmRules({
      symbol: 'BTCUSD_PERP',
      contractSize: 100,
      filters: [
        { filterType: 'PRICE_FILTER' },
        { filterType: 'LOT_SIZE', stepSize: '1', minQty: '1', maxQty: '1000000' },
        { filterType: 'MARKET_LOT_SIZE', stepSize: '1', minQty: '1', maxQty: '60000' },
      ],
    });
    expect(rules).toEqual({ contractSize: '100', stepSize: '1', minQty: '1', maxQty: '60000' });
  });

  it('refuses a contract without LOT_SIZE or with a contractSize that is not positive', () => {
    expect(() => coinmRules({ symbol: 'X', contractSize: 10, filters: [] })).toThrow(CoreInputError);
    expect(() => coinmRules({ symbol: 'X', contractSize: 0, filters: [{ filterType: 'LOT_SIZE', stepSize: '1', minQty: '1', maxQty: '10' }] })).toThrow(/contractSize must be positive/);
  });
});

describe('contracts for coins', () => {
  it.each([
    // 2 × 97,000 / 100 = 1,940 exactly: nothing left over.
    ['2', '97000', BTC_RULES, '1940', '0'],
    // 1.2345 × 3,400 / 10 = 419.73 → 419; 419 × 10 / 3,400 = 1.2323529411… ETH hedged, 0.0021470588… left.
    ['1.2345', '3400', ETH_RULES, '419', '0.002147058823529411764705882353'],
    // 0.001 BTC is $97: under one $100 contract, all of it left over.
    ['0.001', '97000', BTC_RULES, '0', '0.001'],
  ])('%s coins at %s', (coins, mark, rules, contracts, residual) => {
    expect(contractsFor(coins, mark, rules)).toEqual({ contracts, residual });
  });

  it('coinsOf is the position in coins at the mark, whatever its sign', () => {
    // 1,000 × 100 / 125,000 = 0.8 BTC.
    expect(coinsOf('-1000', '125000', '100')).toBe('0.8');
  });

  it('refuses bad input with a CoreInputError', () => {
    expect(() => contractsFor('-1', '97000', BTC_RULES)).toThrow(/coins must not be negative/);
    expect(() => contractsFor('1', '0', BTC_RULES)).toThrow(/markPrice must be positive/);
    expect(() => contractsFor('1', 'NaN', BTC_RULES)).toThrow(CoreInputError);
  });
});

describe('PnL, funding and fees in the coin', () => {
  it.each([
    // −100 × 100 × (1/100,000 − 1/80,000) = −10,000 × −0.0000025 = +0.025 BTC.
    ['80000', '0.025'],
    // −100 × 100 × (1/100,000 − 1/125,000) = −10,000 × 0.000002 = −0.02 BTC.
    ['125000', '-0.02'],
    ['100000', '0'],
  ])('a short of 100 BTCUSD contracts from 100,000 at %s', (mark, pnl) => {
    expect(inversePnl('-100', '100', '100000', mark)).toBe(pnl);
  });

  it.each([
    // −(−100) × 100 / 100,000 × 0.0001 = 0.1 BTC × 0.0001: a positive rate pays the short.
    ['-100', '0.0001', '0.00001'],
    // A negative rate charges it: 0.1 × −0.0003.
    ['-100', '-0.0003', '-0.00003'],
    // The long pays what the short receives.
    ['100', '0.0001', '-0.00001'],
  ])('funding of %s contracts at rate %s', (amt, rate, coin) => {
    expect(coinFunding(amt, '100', '100000', rate)).toBe(coin);
  });

  it('fees: contracts × size / price × taker rate', () => {
    // 1,940 × 100 / 97,000 = 2 BTC × 0.0005 = 0.001 BTC; 100 × 100 / 125,000 = 0.08 × 0.0005 = 0.00004.
    expect(coinFees('1940', '100', '97000', '0.0005')).toBe('0.001');
    expect(coinFees('-100', '100', '125000', '0.0005')).toBe('0.00004');
  });
});

describe('maintenance margin in the coin', () => {
  it.each([
    // 1,000 × 100 / 100,000 = 1 BTC, bracket 1: 1 × 0.004 = 0.004.
    ['100000', '0.004'],
    // 100,000 / 199,200 = 0.50200803… BTC × 0.004 = 0.00200803…
    ['199200', '0.002008032128514056224899598393576'],
    // 10 BTC: bracket 3 (10–20 BTC): 10 × 0.02 − 0.14 = 0.06 (bracket 2 gives 10 × 0.008 − 0.02 = 0.06 too).
    ['10000', '0.06'],
  ])('a short of 1,000 BTCUSD contracts at %s', (mark, maint) => {
    expect(coinmMaintenance('-1000', '100', mark, BTC)).toBe(maint);
  });

  it('picks the bracket by the notional in the coin, not by the contract count', () => {
    // 1,000 contracts are past every qtyCap (5 … 400), but 0.5 BTC sits in bracket 1.
    expect(coinmMaintenance('-1000', '100', '200000', BTC)).toBe('0.002');
  });
});

describe('COIN-M liquidation price (cross, one position)', () => {
  const short1000 = (walletBalance: string) => ({ positionAmt: '-1000', contractSize: '100', entryPrice: '100000', walletBalance, brackets: BTC });

  it('a short of 1,000 contracts from 100,000 on 0.5 BTC: 199,200, as the simulator shows', () => {
    // P = a·(MMR − 1) / (WB + cum − a/EP) = 100,000 × (0.004 − 1) / (0.5 + 0 − 1) = 99,600 / 0.5 = 199,200;
    // its notional 100,000 / 199,200 = 0.502 BTC is in bracket 1, the one used.
    expect(coinmLiquidationPrice(short1000('0.5'))).toBe('199200');
    // There margin balance meets maintenance: 0.5 + (−0.49799…) = 0.00200803… = 0.502008… × 0.004.
    const equity = D('0.5').plus(inversePnl('-1000', '100', '100000', '199200'));
    expect(equity.toFixed(20)).toBe(D(coinmMaintenance('-1000', '100', '199200', BTC)).toFixed(20));
  });

  it('the same short on 1 BTC (the coins it shorts) has no liquidation price', () => {
    // Denominator 1 + 0 − 1 = 0: the price would be infinite; higher brackets' cum make it positive.
    expect(coinmLiquidationPrice(short1000('1'))).toBeNull();
    expect(coinmLiquidationPrice(short1000('1.2'))).toBeNull();
  });

  it('uses the bracket of the notional at the liquidation price, not at entry', () => {
    // 10,000 contracts from 100,000 = 10 BTC (bracket 3, cum 0.14) on 10 BTC less a 0.005 BTC fee.
    // Bracket 3 alone says never (9.995 + 0.14 − 10 > 0), but at a rally the notional shrinks to
    // bracket 1: 1,000,000 × 0.996 / 0.005 = 199,200,000 (notional 0.005 BTC, bracket 1).
    expect(coinmLiquidationPrice({ positionAmt: '-10000', contractSize: '100', entryPrice: '100000', walletBalance: '9.995', brackets: BTC })).toBe('199200000');
  });

  it('a long falls to its price: 100,000 × 1.004 / (0.5 + 1) = 66,933.33…', () => {
    expect(coinmLiquidationPrice({ positionAmt: '1000', contractSize: '100', entryPrice: '100000', walletBalance: '0.5', brackets: BTC })).toBe('66933.33333333');
  });

  it('no position, no price; bad brackets or a bankrupt long are refused', () => {
    expect(coinmLiquidationPrice({ ...short1000('0.5'), positionAmt: '0' })).toBeNull();
    expect(() => coinmLiquidationPrice({ ...short1000('0.5'), brackets: [] })).toThrow(CoreInputError);
    expect(() => coinmLiquidationPrice({ ...short1000('-2'), positionAmt: '1000' })).toThrow(/below maintenance at every price/);
  });

  it('at the estimated price margin balance meets maintenance, shorts and longs (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(-1, 1),
        fc.integer({ min: 1, max: 200_000 }),
        fc.constantFrom(10, 100),
        fc.integer({ min: 100, max: 200_000 }),
        fc.integer({ min: 1, max: 20 }),
        (side, count, size, entry, leverage) => {
          const brackets = size === 100 ? BTC : ETH;
          const amt = String(side * count);
          const wb = D(count).times(size).div(entry).div(leverage);
          const lp = coinmLiquidationPrice({ positionAmt: amt, contractSize: String(size), entryPrice: String(entry), walletBalance: wb.toFixed(), brackets });
          // Only a 1x short holds all the coins it shorts.
          expect(lp === null).toBe(side < 0 && leverage === 1);
          if (lp === null) return;
          const gap = wb.plus(inversePnl(amt, String(size), String(entry), lp)).minus(coinmMaintenance(amt, String(size), lp, brackets));
          // lp is rounded down to 1e-8; margin minus maintenance moves by about a/P² per unit of price.
          expect(gap.abs().lte(D(count).times(size).times('2e-8').div(D(lp).pow(2)).plus('1e-20'))).toBe(true);
        },
      ),
    );
  });
});

describe('planning the hedge of N coins', () => {
  it('at 1x a notional equal to the coins leaves no room for the fee: one contract fewer', () => {
    // 2 BTC at 97,000: 1,940 contracts wanted. Margin + fee per contract = 100 / 97,000 × 1.0005, so
    // 2 × 97,000 / (100 × 1.0005) = 1,939.03 → 1,939; hedged 193,900 / 97,000 = 1.99896907… BTC.
    expect(largestCoinmFit({ coins: '2', markPrice: '97000', leverage: 1, takerRate: '0.0005', rules: BTC_RULES })).toBe('1939');
    expect(planCoinmHedge({ coins: '2', markPrice: '97000', leverage: 1, takerRate: '0.0005', rules: BTC_RULES })).toEqual({
      contracts: '1939',
      cutForFees: true,
      residual: '0.00103092783505154639175257732', // 2 − 1.99896907…
      initialMargin: '1.99896907216494845360824742268',
      fees: '0.00099948453608247422680412371134', // 1.99896907… × 0.0005; with the margin 1.99996855… ≤ 2
    });
  });

  it('at 2x the full hedge fits: 1 BTC of margin and 0.001 BTC of fee out of 2', () => {
    expect(planCoinmHedge({ coins: '2', markPrice: '97000', leverage: 2, takerRate: '0.0005', rules: BTC_RULES })).toEqual({ contracts: '1940', cutForFees: false, residual: '0', initialMargin: '1', fees: '0.001' });
  });

  it('one order at most maxQty: the rest shows as residual, not as a fee cut', () => {
    const plan = planCoinmHedge({ coins: '2', markPrice: '97000', leverage: 2, takerRate: '0.0005', rules: { ...BTC_RULES, maxQty: '1000' } })!;
    // 1,000 × 100 / 97,000 = 1.03092783… BTC hedged, 0.96907216… left.
    expect(plan).toMatchObject({ contracts: '1000', cutForFees: false, residual: '0.969072164948453608247422680412' });
  });

  it('null under minQty', () => {
    expect(planCoinmHedge({ coins: '0.001', markPrice: '97000', leverage: 1, takerRate: '0.0005', rules: BTC_RULES })).toBeNull();
    expect(planCoinmHedge({ coins: '0.5', markPrice: '3400', leverage: 1, takerRate: '0.0005', rules: { ...ETH_RULES, minQty: '200' } })).toBeNull();
    expect(() => planCoinmHedge({ coins: '1', markPrice: '3400', leverage: 0, takerRate: '0.0005', rules: ETH_RULES })).toThrow(/leverage must be positive/);
  });
});

describe('a short backed by the coins it hedges (properties)', () => {
  it('survives every mark from ÷1000 to ×100: its liquidation price, if any, is past (1 − MMR) / taker × entry', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 100, max: 20_000_000 }),
        fc.constantFrom(10, 100),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 10 }),
        fc.array(fc.integer({ min: 1, max: 100_000 }), { maxLength: 20 }),
        (coinUnits, markCents, size, leverage, takerBps10, steps) => {
          const coins = D(coinUnits).div(10_000).toFixed();
          const entry = D(markCents).div(100);
          const taker = D(takerBps10).div(10_000);
          const rules = size === 100 ? BTC_RULES : ETH_RULES;
          const brackets = size === 100 ? BTC : ETH;
          const plan = planCoinmHedge({ coins, markPrice: entry.toFixed(), leverage, takerRate: taker.toFixed(), rules });
          fc.pre(plan !== null);
          const amt = `-${plan.contracts}`;
          const wb = D(coins).minus(plan.fees); // the coins, less the opening fee
          const args = { positionAmt: amt, contractSize: String(size), entryPrice: entry.toFixed(), walletBalance: wb.toFixed(), brackets };
          const lp = coinmLiquidationPrice(args);
          // Wallet less the coins shorted = residual − fee: liquidation exists only when the fee outweighs the residual.
          const lost = D(plan.fees).minus(plan.residual);
          expect(lp === null).toBe(lost.lte(0));
          if (lp !== null) {
            // Then the notional at the price (≤ 1000 coins × 0.1 % / 0.995) is in bracket 1 (cum 0):
            // P = a·(1 − MMR₁) / (fee − residual) ≥ entry × (1 − MMR₁) / taker, ≥ 995 × entry here.
            const mmr1 = brackets[0]!.maintMarginRatio;
            const expected = D(plan.contracts).times(size).times(1 - mmr1).div(lost);
            expect(D(lp).minus(expected).abs().lte('0.00000001')).toBe(true);
            expect(D(lp).plus('0.00000001').gte(entry.times(1 - mmr1).div(taker))).toBe(true);
          }
          // Equity at a mark depends on that mark only (no funding here), so a path is its marks; ×10 and ×100 always.
          for (const f of [...steps, 10_000, 100_000]) {
            const mark = entry.times(f).div(1000).toFixed();
            const equity = wb.plus(inversePnl(amt, String(size), entry.toFixed(), mark));
            // The coins' USD value locked in: |Q|·s/P plus the residual, less the fee.
            expect(equity.minus(D(coinsOf(amt, mark, String(size))).plus(plan.residual).minus(plan.fees)).abs().lte('1e-25')).toBe(true);
            expect(equity.minus(coinmMaintenance(amt, String(size), mark, brackets)).gt(0)).toBe(true);
          }
        },
      ),
    );
  });

  it('funding: a positive rate pays shorts and charges longs, and is −Q·s·rate in USD (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -100_000, max: 100_000 }).filter((q) => q !== 0),
        fc.constantFrom(10, 100),
        fc.integer({ min: 1, max: 20_000_000 }),
        fc.integer({ min: -3000, max: 3000 }).filter((r) => r !== 0),
        (q, size, markCents, rateMillionths) => {
          const mark = D(markCents).div(100);
          const rate = D(rateMillionths).div(1_000_000);
          const paid = D(coinFunding(String(q), String(size), mark.toFixed(), rate.toFixed()));
          expect(paid.gt(0)).toBe(q < 0 === rate.gt(0));
          expect(paid.times(mark).minus(D(q).times(size).times(rate).times(-1)).abs().lte('1e-20')).toBe(true);
        },
      ),
    );
  });
});
