/**
 * One asset's "hedge until" day, set from its details (settings.until): from that day on, a hedge
 * still open shows a warning. A reminder only: nothing is ever closed for the user.
 */
import { useState } from 'preact/hooks';
import { errorText } from '../shared/describe-error';
import { t } from '../shared/i18n';
import { saveAssetSetting } from './asset-setting';

export function HedgeUntil({ asset, day }: { asset: string; day: string | null }) {
  const [text, setText] = useState(day ?? '');
  const [saved, setSaved] = useState(day ?? '');
  const [note, setNote] = useState<string | null>(null);
  async function save(next: string): Promise<void> {
    try {
      await saveAssetSetting('until', asset, next || null);
      setText(next);
      setSaved(next);
      setNote(t(next ? 'sideUntilSaved' : 'sideUntilCleared'));
    } catch (err) {
      setNote(errorText(err));
    }
  }
  return (
    <form
      class="inline"
      data-testid={`until-${asset}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save(text);
      }}
    >
      <input type="date" aria-label={t('sideUntilFor', asset)} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <button type="submit" class="secondary">{t('commonSave')}</button>
      {saved && (
        <button type="button" class="secondary" onClick={() => void save('')}>
          {t('commonRemove')}
        </button>
      )}
      {note && <span class="muted" role="status"> {note}</span>}
    </form>
  );
}
