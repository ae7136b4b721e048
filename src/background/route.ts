/**
 * Which futures a hedge's preview is on. Asked: that one. Otherwise the one the hedge is already
 * open on, else USDⓈ-M — and COIN-M instead when USDⓈ-M cannot margin any of it (coins but no
 * USDT): the coins themselves are then the collateral. The preview names the other route when the
 * coin has both, and the confirm step offers it.
 */
import { planFor, words, type Family, type Intent } from '../core';
import type { Preview } from '../shared/hedge-types';
import { UserError } from '../shared/user-error';
import { buildPreview, type PreviewDeps } from './preview';
import { buildCoinmPreview } from './preview-coinm';
import { hedgeSettings } from './settings-store';

/** USDⓈ-M refusals that COIN-M answers: no stablecoin margin to be had. */
const NO_STABLECOIN_MARGIN = new Set(['insufficient-usdt', 'credits-no-usdc']);

export async function previewFor(asset: string, intent: Intent, route: Family | undefined, deps: PreviewDeps): Promise<Preview> {
  if (route === 'coinm') return buildCoinmPreview(asset, intent, deps);
  if (route === 'usdm') return buildPreview(asset, intent, deps);
  const plan = planFor(asset, await deps.market.snapshot('cached'), hedgeSettings(deps.settings), intent);
  if (plan.family === 'coinm') return buildCoinmPreview(asset, intent, deps);
  try {
    return await buildPreview(asset, intent, deps);
  } catch (err) {
    if (!(err instanceof UserError) || !NO_STABLECOIN_MARGIN.has(err.info.code) || !deps.market.coinmExchange) throw err;
    const coinm = await buildCoinmPreview(asset, intent, deps).catch(() => Promise.reject(err));
    // Say why it is not USDⓈ-M: the user may rather add USDT.
    return { ...coinm, warnings: [words('previewWhyCoinm', err.info.message), ...coinm.warnings] };
  }
}
