import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, readSettings } from '../../../src/shared/settings';

describe('settings', () => {
  it('defaults to production, a full hedge, 2 % tolerance, 2x cross, auto top-up off', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({
      environment: 'production',
      hedgeRatio: '1',
      tolerance: '0.02',
      leverage: 2,
      marginType: 'CROSSED',
      autoTopUp: { enabled: false },
      thresholds: { marginRatioWarn: '0.5', marginRatioCritical: '0.8', liquidationWarn: '0.15', liquidationCritical: '0.07' },
    });
  });

  it('keeps valid fields when one stored field is bad', () => {
    const s = readSettings({ leverage: 3, hedgeRatio: 'lots', environment: 'testnet' });
    expect(s.leverage).toBe(3);
    expect(s.environment).toBe('testnet');
    expect(s.hedgeRatio).toBe('1');
  });

  it('reads nothing stored as the defaults', () => {
    expect(readSettings(undefined)).toEqual(DEFAULT_SETTINGS);
  });
});
