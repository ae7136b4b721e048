/**
 * Each hedge's profit and loss since its short was opened, in USDT: the net, then what makes it up
 * (spot move, futures, funding, fees) on a line that wraps instead of a wide table, so it reads at
 * the side panel's 360 px. A net near zero is the hedge doing its job.
 */
import { tone, usdt } from '../shared/format';
import { t } from '../shared/i18n';
import type { Row } from './Holdings';

type Pnl = NonNullable<Row['pnl']>;

export function PnlLine({ pnl }: { pnl: Pnl }) {
  return (
    <>
      <strong class={tone(pnl.net)}>{usdt(pnl.net)}</strong>{' '}
      <span class="muted">
        {t('sidePnlParts', usdt(pnl.spotMove), usdt(pnl.futuresPnl), usdt(pnl.funding), usdt(pnl.fees))}
      </span>
    </>
  );
}

export function PnlList({ rows }: { rows: Row[] }) {
  const withPnl = rows.filter((r) => r.pnl);
  if (withPnl.length === 0) return null;
  return (
    <section aria-label={t('sidePnlLabel')} data-testid="pnl">
      <h2>{t('sidePnlTitle')}</h2>
      <ul class="pnl">
        {withPnl.map((r) => (
          <li key={r.asset}>
            <span class="pnl-asset">{r.asset}</span> <PnlLine pnl={r.pnl!} />
          </li>
        ))}
      </ul>
    </section>
  );
}
