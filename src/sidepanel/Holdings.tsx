/**
 * The side panel's holdings, one compact row per asset, made for Chrome's ~360 px side panel: the
 * asset, its status and hedge ratio, and the row's button always in sight; a click on the row opens
 * its details. A row's hedge flow (the confirm box, then the outcome) opens under the row itself.
 */
import { useState } from 'preact/hooks';
import { ConfirmBox } from '../shared/ConfirmBox';
import { FlowOutcome } from '../shared/FlowOutcome';
import { pct } from '../shared/format';
import { t } from '../shared/i18n';
import type { Dashboard, Intent } from '../shared/hedge-types';
import { StatusBadge } from '../shared/StatusBadge';
import type { HedgeFlow, Outcome } from '../shared/useHedgeFlow';
import { HoldingDetails } from './HoldingDetails';

export type Row = Dashboard['assets'][number];

/** The row an outcome shows under: its asset's, unless it ended a "hedge all" or the row is gone (a closed hedge). */
export const outcomeRow = (outcome: Outcome, rows: Row[]): string | null =>
  !outcome.batch && rows.some((r) => r.asset === outcome.assets[0]) ? outcome.assets[0]! : null;

function Actions({ row, flow }: { row: Row; flow: HedgeFlow }) {
  const short = Number(row.hedge) !== 0;
  const start = (intent: Intent) => flow.review(row.asset, intent);
  return (
    <span class="holding-actions">
      {row.action && (
        <button class="small primary" disabled={flow.busy} onClick={() => start(row.action!.intent)} data-testid={`act-${row.asset}`}>
          {t(row.status === 'orphan' ? 'sideClose' : row.status === 'under' && !short ? 'sideHedge' : 'sideRebalance')}
        </button>
      )}
      {short && row.status !== 'orphan' && (
        <button class="small secondary" disabled={flow.busy} onClick={() => start('close')} data-testid={`close-${row.asset}`}>
          {t('sideClose')}
        </button>
      )}
    </span>
  );
}

function Holding({ row, flow, showOutcome }: { row: Row; flow: HedgeFlow; showOutcome: boolean }) {
  const [open, setOpen] = useState(false);
  const preview = flow.confirming && !flow.confirming.batch && flow.confirming.previews[0]?.asset === row.asset ? flow.confirming.previews[0] : null;
  return (
    <li class="holding" data-testid={`row-${row.asset}`}>
      <div class="holding-line">
        <button class="holding-toggle" aria-expanded={open} onClick={() => setOpen(!open)} data-testid={`toggle-${row.asset}`}>
          <span class="holding-asset">
            <strong>{row.asset}</strong>
            <small class="muted">{row.symbol ?? t('sideNoPerp')}</small>
          </span>
          <span class="holding-status">
            <StatusBadge status={row.status} />
            <small data-testid="ratio">{pct(row.ratio)}</small>
          </span>
        </button>
        <Actions row={row} flow={flow} />
      </div>
      {open && <HoldingDetails row={row} />}
      {preview && <ConfirmBox preview={preview} running={flow.running?.step ?? null} onConfirm={flow.confirm} onCancel={flow.cancel} onRoute={(route) => flow.review(preview.asset, preview.intent, route)} />}
      {showOutcome && flow.outcome && <FlowOutcome outcome={flow.outcome} onDismiss={flow.dismiss} />}
    </li>
  );
}

export function Holdings({ rows, flow }: { rows: Row[]; flow: HedgeFlow }) {
  const inline = flow.outcome && outcomeRow(flow.outcome, rows);
  return (
    <ul class="holdings" aria-label={t('sideHoldings')} data-testid="assets">
      {rows.map((r) => (
        <Holding key={r.asset} row={r} flow={flow} showOutcome={inline === r.asset} />
      ))}
    </ul>
  );
}
