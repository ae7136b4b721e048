/** Where a coin is held, in words: "1 Spot + 0.5 Earn Flexible". */
import { WALLET_WORDS, type Wallet } from '../core';
import { coins } from './format';
import type { AssetView } from './hedge-types';
import { t } from './i18n';

export { WALLETS } from '../core';

/** A wallet's name as Binance's Wallet page writes it. */
export const walletName = (wallet: Wallet): string => t(WALLET_WORDS[wallet]);

/** One term per wallet holding the coin, joined with "+"; null when it is all in Spot. */
export function holdingsText(view: Pick<AssetView, 'holdings' | 'coinStep'>): string | null {
  if (view.holdings.every((h) => h.wallet === 'spot')) return null;
  return view.holdings.map((h) => t('commonInWallet', coins(h.amount, view.coinStep), walletName(h.wallet))).join(' + ');
}

/** "Held" when the coins are in several wallets, "Spot" when all are in Spot. */
export const heldLabel = (view: Pick<AssetView, 'holdings'>): string => t(view.holdings.every((h) => h.wallet === 'spot') ? 'commonSpot' : 'commonHeld');
