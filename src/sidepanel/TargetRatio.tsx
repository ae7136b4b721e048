/**
 * One asset's target hedge ratio, set from its details: a percentage saved as that asset's own
 * ratio (settings.ratios), or cleared back to the global one.
 */
import { useState } from 'preact/hooks';
import { errorText } from '../shared/describe-error';
import { t } from '../shared/i18n';
import { fromPercent, toPercent } from '../shared/percent';
import { saveAssetSetting } from './asset-setting';

export function TargetRatio({ asset, ratio }: { asset: string; ratio: string }) {
  const [text, setText] = useState(() => toPercent(ratio));
  const [note, setNote] = useState<string | null>(null);
  async function save(e: Event): Promise<void> {
    e.preventDefault();
    const fraction = fromPercent(text);
    if (fraction === null) return setNote(t('sideTargetInvalid'));
    try {
      await saveAssetSetting('ratios', asset, fraction);
      setNote(t('sideTargetSaved'));
    } catch (err) {
      setNote(errorText(err));
    }
  }
  return (
    <form class="inline" onSubmit={save} data-testid={`target-${asset}`}>
      <span class="suffixed">
        <input inputMode="decimal" aria-label={t('sideTargetFor', asset)} value={text} onInput={(e) => setText(e.currentTarget.value)} size={5} />%
      </span>
      <button type="submit" class="secondary">{t('commonSave')}</button>
      {note && <span class="muted" role="status"> {note}</span>}
    </form>
  );
}
