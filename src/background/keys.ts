/**
 * Saving a key: ask Binance what the key may do before storing it. Reading and Futures are
 * required; a key that can withdraw is saved only after the user acknowledges the risk.
 */
import type { ApiRestrictions } from '../binance/exchange';
import { UserError } from '../shared/user-error';
import type { KeyCheck, SaveKeyReply } from '../shared/protocol';
import type { ApiKey } from '../binance/sign';
import type { Keystore } from './keystore';


export function describeRestrictions(r: ApiRestrictions): KeyCheck {
  const warnings: string[] = [];
  if (!r.ipRestrict) {
    warnings.push('This key has no IP restriction: anyone who obtains it can use it from anywhere. Restrict it to your IP addresses in Binance\'s API Management.');
  }
  if (!r.permitsUniversalTransfer) {
    warnings.push('This key cannot move USDT between your Spot and Futures wallets, so hedges that need more margin will ask you to transfer it yourself.');
  }
  if (r.enablePortfolioMarginTrading) {
    warnings.push('This is a Portfolio Margin account. Only Portfolio Margin Pro accounts keep the USDⓈ-M futures API this extension uses; on classic Portfolio Margin, futures requests will be refused.');
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
      throw new UserError('key-no-reading', 'This key cannot read your account.', 'Edit it in Binance\'s API Management and enable "Enable Reading".');
    }
    if (!check.enableFutures) {
      throw new UserError(
        'key-no-futures',
        'This key is not allowed to trade futures, which a hedge needs.',
        'Enable "Enable Futures" for the key in Binance\'s API Management. A key created before your futures account was opened cannot get it: create a new key.',
      );
    }
    if (check.enableWithdrawals && !input.acknowledgeWithdrawals) {
      return { saved: false, needsWithdrawalAck: true, check };
    }
  }
  await keystore.save(input.key, input.passphrase);
  await onSaved(check);
  return { saved: true, check };
}
