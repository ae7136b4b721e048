import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoAccount } from '../../sim/seed';
import { backgroundOnSim } from './harness';

let bg: Awaited<ReturnType<typeof backgroundOnSim>>;
beforeEach(async () => {
  bg = await backgroundOnSim();
  await bg.handlers['settings/set']({ type: 'settings/set', settings: { environment: 'demo' } });
});
afterEach(async () => bg.sim.close());

const save = () => bg.handlers['keys/save']({ type: 'keys/save', apiKey: bg.sim.apiKey, keyType: 'HMAC', secret: bg.sim.apiSecret, passphrase: 'long enough phrase', acknowledgeWithdrawals: false });
const sapiCalls = () => bg.sim.requests.filter((r) => r.path.startsWith('/sapi/'));

describe('Binance demo trading (no /sapi)', () => {
  it('a demo key is proven by reading spot and futures, and saved; /sapi is never called', async () => {
    await bg.control('seed', { accounts: [{ ...demoAccount(), environment: 'demo' }] });
    expect(await save()).toEqual({ saved: true, check: null });
    expect(bg.sim.requests.map((r) => r.path)).toEqual(expect.arrayContaining(['/api/v3/account', '/fapi/v3/account']));
    expect(sapiCalls()).toEqual([]);
  });

  it('a key the demo futures API refuses is not saved, and the user is told where demo keys are made', async () => {
    await bg.control('seed', { accounts: [{ ...demoAccount(), environment: 'demo', permissions: { enableFutures: false } }] });
    await bg.handlers['keys/forget']({ type: 'keys/forget' });
    await expect(save()).rejects.toMatchObject({ info: { code: 'key-refused', message: expect.toSay(/^The demo futures API did not accept this key/), action: expect.toSay(/demo\.binance\.com/) } });
    expect((await bg.handlers['state/get']({ type: 'state/get' })).keys).toBe('none');
  });

  it('a hedge that needs more futures margin says how much to move by hand, instead of calling the missing wallet API', async () => {
    await bg.control('seed', { accounts: [{ ...demoAccount(), environment: 'demo' }] });
    await expect(bg.handlers['hedge/preview']({ type: 'hedge/preview', asset: 'ETH', intent: 'hedge' })).rejects.toMatchObject({
      info: { code: 'margin-not-movable', action: expect.toSay(/move 19,920.40 USDT to Futures on demo\.binance\.com/) },
    });
    expect(sapiCalls()).toEqual([]);
    // With the margin there, the hedge goes through without any transfer.
    await bg.control('seed', { accounts: [{ ...demoAccount(), environment: 'demo', futuresUSDT: '50000' }] });
    const p = await bg.handlers['hedge/preview']({ type: 'hedge/preview', asset: 'ETH', intent: 'hedge' });
    expect(p.transfer).toBeNull();
    expect((await bg.handlers['hedge/execute']({ type: 'hedge/execute', previewId: p.id })).executedQty).toBe('12');
    expect(sapiCalls()).toEqual([]);
  });
});
