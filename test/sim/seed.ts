/** The demo account: what `npm start` and `npm run sim` open with. A published test key, never a real one. */
import type { AccountSpec } from './account';

export const DEMO_KEY = {
  apiKey: 'SimDemoKey0000000000000000000000000000000000000000000000000000a1',
  apiSecret: 'SimDemoSecret000000000000000000000000000000000000000000000000b2',
};

export const demoAccount = (): AccountSpec => ({
  ...DEMO_KEY,
  permissions: { enableReading: true, enableFutures: true, permitsUniversalTransfer: true, enableWithdrawals: false, ipRestrict: false },
  // Enough USDT to margin every demo hedge at 2x once moved to Futures: the demo shows the transfer step.
  spot: { BTC: '1.5', ETH: '12', SOL: '250', PEPE: '30000000', USDT: '100000' },
  futuresUSDT: '500',
  dualSidePosition: false,
});
