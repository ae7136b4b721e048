/**
 * One asset's "hedge until" day, set from its details (settings.until): from that day on, a hedge
 * still open shows a warning. A reminder only: nothing is ever closed for the user.
 */
import { useState } from 'preact/hooks';
import { errorText } from '../shared/describe-error';
import { t } from '../shared/i18n';
import { send } from '../shared/messaging';

export function HedgeUntil({ asset, day }: { asset: string; day: string | null }) {
  const [text, setText] = useState(day ?? '');
  const [note, setNote] = useState<string | null>(null);
  async function save(next: string): Promise<void> {
    try {
      const { until } = await send({ type: 'settings/get' });
      const rest = Object.fromEntries(Object.entries(until).filter(([a]) => a !== asset));
      await send({ type: 'settings/set', settings: { until: next ? { ...rest, [asset]: next } : rest } });
      setText(next);
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
      {text && (
        <button type="button" class="secondary" onClick={() => void save('')}>
          {t('commonRemove')}
        </button>
      )}
      {note && <span class="muted" role="status"> {note}</span>}
    </form>
  );
}
