import { describe, expect, it } from 'vitest';
import type { ApiKey } from '../../../src/binance/sign';
import { createKeystore } from '../../../src/background/keystore';
import type { ApiRestrictions } from '../../../src/binance/exchange';
import { saveKey } from '../../../src/background/keys';
import { ITEMS, memoryKV, stored, type Item } from '../../../src/shared/storage';
import type { SealedKey } from '../../../src/background/keystore';
import { said } from '../chrome-i18n';

const key: ApiKey = { apiKey: 'A'.repeat(64), type: 'HMAC', secret: 'S'.repeat(64) };
const good: ApiRestrictions = {
  ipRestrict: true,
  enableReading: true,
  enableFutures: true,
  enableWithdrawals: false,
  permitsUniversalTransfer: true,
};

// Few PBKDF2 iterations: these tests are about the permission flow; the keystore test pins the real count.
const SEALED: Item<SealedKey | undefined> = { area: 'local', key: 'sealed', fallback: undefined, owner: 'background' };
const keystore = () => {
  const areas = { local: memoryKV(), session: memoryKV() };
  return createKeystore({ sealed: stored(areas, SEALED), unlocked: stored(areas, ITEMS.unlocked), now: () => 0, iterations: 1_000 });
};
const input = (acknowledgeWithdrawals = false) => ({ key, passphrase: 'long enough phrase', acknowledgeWithdrawals });

describe('saving a key', () => {
  it('saves a key with reading and futures, IP-restricted, without warnings', async () => {
    const ks = keystore();
    const reply = await saveKey(input(), ks, async () => good);
    expect(reply).toMatchObject({ saved: true, check: { warnings: [] } });
    expect((await ks.state()).keys).toBe('unlocked');
  });

  it('refuses a key without futures permission and says how to fix it', async () => {
    const ks = keystore();
    await expect(saveKey(input(), ks, async () => ({ ...good, enableFutures: false }))).rejects.toMatchObject({
      info: { code: 'key-no-futures', action: expect.toSay('Enable Futures') },
    });
    expect((await ks.state()).keys).toBe('none');
  });

  it('refuses a key that cannot read', async () => {
    await expect(saveKey(input(), keystore(), async () => ({ ...good, enableReading: false }))).rejects.toMatchObject({
      info: { code: 'key-no-reading' },
    });
  });

  it('holds back a withdrawal-enabled key until the risk is acknowledged', async () => {
    const ks = keystore();
    const risky = async () => ({ ...good, enableWithdrawals: true });
    expect(await saveKey(input(false), ks, risky)).toMatchObject({ saved: false, needsWithdrawalAck: true });
    expect((await ks.state()).keys).toBe('none');
    expect(await saveKey(input(true), ks, risky)).toMatchObject({ saved: true });
  });

  it('warns about a key with no IP restriction, no transfer permission, or Portfolio Margin', async () => {
    const reply = await saveKey(input(), keystore(), async () => ({
      ...good,
      ipRestrict: false,
      permitsUniversalTransfer: false,
      enablePortfolioMarginTrading: true,
    }));
    expect(reply.check?.warnings.map(said).join(' ')).toMatch(/no IP restriction/);
    expect(reply.check?.warnings.map(said).join(' ')).toMatch(/cannot move USDT/);
    expect(reply.check?.warnings.map(said).join(' ')).toMatch(/Portfolio Margin/);
  });

  it('saves unchecked where the environment cannot check permissions, and says so', async () => {
    expect(await saveKey(input(), keystore(), async () => null)).toEqual({ saved: true, check: null });
  });
});
