/**
 * Exports the order journal and the funding history as two CSV files, downloaded by the side panel
 * itself (the background builds the text; a service worker cannot start a download of a Blob).
 */
import { useState } from 'preact/hooks';
import { errorText } from '../shared/describe-error';
import { t } from '../shared/i18n';
import { send } from '../shared/messaging';

function download(name: string, text: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  a.download = name;
  a.click();
  URL.revokeObjectURL(a.href);
}

export function ExportButton() {
  const [error, setError] = useState<string | null>(null);
  async function exportCsv(): Promise<void> {
    try {
      const { journalCsv, fundingCsv } = await send({ type: 'history/export' });
      download('spot-hedge-journal.csv', journalCsv);
      download('spot-hedge-funding.csv', fundingCsv);
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <>
      <button class="secondary" onClick={() => void exportCsv()}>{t('sideExport')}</button>
      {error && <p class="error" role="alert">{error}</p>}
    </>
  );
}
