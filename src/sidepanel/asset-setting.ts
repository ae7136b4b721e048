/**
 * One asset's entry in a per-asset setting (its target ratio, its "hedge until" day), set or
 * removed with the other assets' entries kept.
 */
import { send } from '../shared/messaging';

export async function saveAssetSetting(key: 'ratios' | 'until', asset: string, value: string | null): Promise<void> {
  const current = (await send({ type: 'settings/get' }))[key];
  const rest = Object.fromEntries(Object.entries(current).filter(([a]) => a !== asset));
  await send({ type: 'settings/set', settings: { [key]: value === null ? rest : { ...rest, [asset]: value } } });
}
