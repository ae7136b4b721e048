/**
 * A hedge's status as one badge with the same words in every view ("Under-hedged", "Orphan
 * short"), coloured by how urgent it is.
 */
import type { HedgeStatus } from './hedge-types';
import { t } from './i18n';

const LABEL: Record<HedgeStatus, string> = {
  hedged: 'statusHedged',
  under: 'statusUnder',
  over: 'statusOver',
  orphan: 'statusOrphan',
  'no-perp': 'statusNoPerp',
  'below-min': 'statusBelowMin',
  unreadable: 'statusUnreadable',
  stablecoin: 'statusStablecoin',
};

export function StatusBadge({ status }: { status: HedgeStatus }) {
  return <span class={`badge s-${status}`} data-testid="hedge-status">{t(LABEL[status])}</span>;
}
