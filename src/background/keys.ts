/**
 * Saving a key: ask Binance what the key may do before storing it. Reading and Futures are
 * required; a key that can withdraw is saved only after the user acknowledges the risk.
 */
import { words, type Words } from '../core';
import type { ApiRestrictions } from '../binance/exchange';
import { UserError } from '../shared/user-error';
import type { KeyCheck, SaveKeyReply } from '../shared/protocol';
import type { ApiKey } from '../binance/sign';
import type { Keystore } from './keystore';


export function describeRestrictions(r: ApiRestrictions): KeyCheck {
  const warnings: Words[] = [];
  if (!r.ipRestrict) {
    warnings.push(words('keyWarnNoIp'));
  }
  if (!r.permitsUniversalTransfer) {
    warnings.push(words('keyWarnNoTransfer'));
  }
  if (r.enablePortfolioMarginTrading) {
    warnings.push(words('keyWarnPortfolioMargin'));
  }
  return {
    enableReading: r.enableReading,
    enableFutures: r.enableFutures,
    enableWithdrawals: r.enableWithdrawals,
    ipRestrict: r.ipRestrict,
    permitsUniversalTransfer: r.permitsUniversalTransfer,
    enablePortfolioMarginTrading: Boolean(r.enablePortfolioMarginTrading),
    warnings,
  };
}

export interface SaveKeyInput {
  key: ApiKey;
  passphrase: string;
  acknowledgeWithdrawals: boolean;
}

/**
 * `restrictions` is null where the environment has no /sapi (the spot testnet): the key is then
 * saved unchecked, and the reply says so.
 */
export async function saveKey(
  input: SaveKeyInput,
  keystore: Keystore,
  restrictions: (key: ApiKey) => Promise<ApiRestrictions | null>,
  onSaved: (check: KeyCheck | null) => Promise<void> = async () => undefined,
): Promise<SaveKeyReply> {
  const r = await restrictions(input.key);
  const check = r ? describeRestrictions(r) : null;
  if (check) {
    if (!check.enableReading) {
      throw new UserError('key-no-reading', words('errKeyNoReading'), words('errKeyNoReadingDo'));
    }
    if (!check.enableFutures) {
      throw new UserError('key-no-futures', words('errKeyNoFutures'), words('errKeyNoFuturesDo'));
    }
    if (check.enableWithdrawals && !input.acknowledgeWithdrawals) {
      return { saved: false, needsWithdrawalAck: true, check };
    }
  }
  await keystore.save(input.key, input.passphrase);
  await onSaved(check);
  return { saved: true, check };
}
