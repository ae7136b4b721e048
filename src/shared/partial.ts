/** The confirm step's offer when the free stablecoins cannot margin a whole hedge, in words. */
import { coins, pct, usdt } from './format';
import type { Preview } from './hedge-types';
import { t } from './i18n';

/** "Hedge 0.299 ETH now (2.5%) — add 19,910.40 USDT to hedge all 12 ETH."; null for a whole hedge. */
export function partialText(p: Preview): string | null {
  if (!p.partial) return null;
  const inCoins = (amount: string) => `${coins(amount, p.coinStep)} ${p.asset}`;
  return t('confirmPartial', inCoins(p.coins), pct(p.ratioAfter), usdt(p.partial.missing), p.partial.collateral, inCoins(p.partial.coins));
}
