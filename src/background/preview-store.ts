/**
 * Previews waiting for their confirm, and when the last order on each asset was sent, in
 * storage.session: both survive a worker restart, neither outlives the browser.
 */
import type { Preview } from '../shared/hedge-types';
import { ITEMS, stored, type Areas } from '../shared/storage';

export function previewStore(areas: Areas) {
  const preview = (id: string) => stored(areas, ITEMS.preview(id));
  const lastOrder = (asset: string) => stored(areas, ITEMS.lastOrder(asset));
  return {
    remember: (p: Preview): Promise<void> => preview(p.id).set(p),
    get: (id: string): Promise<Preview | undefined> => preview(id).get(),
    drop: (id: string): Promise<void> => preview(id).remove(),
    /** When the last order on `asset` was sent: a preview made before then is stale. */
    lastOrder: (asset: string): Promise<number | undefined> => lastOrder(asset).get(),
    orderSent: (asset: string, at: number): Promise<void> => lastOrder(asset).set(at),
  };
}

export type PreviewStore = ReturnType<typeof previewStore>;
