/**
 * "Hedge all unhedged": one preview per under-hedged asset, each counting the margin and spot USDT
 * the earlier ones take, so the combined preview is what executing them in order will need.
 */
import Big from 'big.js';
import { planHedges } from '../core';
import type { BatchPreview, Preview } from '../shared/hedge-types';
import { asUserError } from './explain';
import type { Market } from './market';
import { buildPreview } from './preview';
import { buildCoinmPreview } from './preview-coinm';
import { hedgeSettings } from './settings-store';
import type { Settings } from '../shared/settings';

export async function previewAll(market: Market, settings: Settings, now: number, newId: () => string): Promise<BatchPreview> {
  const snapshot = await market.snapshot('all');
  const under = planHedges(snapshot, hedgeSettings(settings)).filter((p) => p.status === 'under' && p.order);
  const previews: Preview[] = [];
  const skipped: BatchPreview['skipped'] = [];
  let margin = new Big(0);
  let transfer = new Big(0);
  for (const plan of under) {
    try {
      // A hedge open on COIN-M grows there, on its own coins; the stablecoin budget is USDⓈ-M's.
      if (plan.family === 'coinm') {
        previews.push(await buildCoinmPreview(plan.asset, 'hedge', { market, settings, now, id: newId() }));
        continue;
      }
      const p = await buildPreview(plan.asset, 'hedge', { market, settings, now, id: newId(), reserved: { margin: margin.toFixed(), transfer: transfer.toFixed() } });
      previews.push(p);
      margin = margin.plus(p.marginNeeded).plus(p.fees);
      transfer = transfer.plus(p.transfer ?? 0);
    } catch (err) {
      skipped.push({ asset: plan.asset, reason: asUserError(err).info.message });
    }
  }
  // Totals in USDT: COIN-M previews count in their coin and are left out of them.
  const usdm = previews.filter((p) => p.family === 'usdm');
  const sum = (f: (p: Preview) => string | null) => usdm.reduce((s, p) => s.plus(f(p) ?? 0), new Big(0)).toFixed(2);
  return {
    previews,
    skipped,
    totals: { notional: sum((p) => p.notional), margin: sum((p) => p.marginNeeded), transfer: sum((p) => p.transfer), fees: sum((p) => p.fees) },
  };
}
