/**
 * A hedge's status as one badge with the same words in every view ("Under-hedged", "Orphan
 * short"), coloured by how urgent it is.
 */
import type { HedgeStatus } from './hedge-types';

const LABEL: Record<HedgeStatus, string> = {
  hedged: 'Hedged',
  under: 'Under-hedged',
  over: 'Over-hedged',
  orphan: 'Orphan short',
  'no-perp': 'No perpetual',
  'below-min': 'Below minimum',
  unreadable: 'Reply unreadable',
  stablecoin: 'Stablecoin',
};

export function StatusBadge({ status }: { status: HedgeStatus }) {
  return <span class={`badge s-${status}`} data-testid="hedge-status">{LABEL[status]}</span>;
}
