/** The quarterly beside a perpetual, in words: advice only, the extension never rolls a hedge. */
import { dayMonth, signedPct } from './format';
import type { QuarterlyBasis } from './hedge-types';
import { t } from './i18n';

/** "A quarterly short (BTCUSDT_260327) locks in +4.1% a year to 27 Mar". */
export const quarterlyText = (q: QuarterlyBasis): string => t('commonQuarterlyLocks', q.symbol, signedPct(q.basisAnnual), dayMonth(q.deliveryDate));
