/** What each Binance environment offers, in the words the options page shows before it surprises anyone. */
import { t } from './i18n';
import type { AppState, Environment } from './protocol';

/** Message ids of what an environment cannot do, shown in options before it surprises anyone. */
export function unavailable(env: Environment): string[] {
  if (env === 'production') return [];
  return ['envNoSapi', 'envNoTransfer', env === 'demo' ? 'envDemoKey' : 'envTestnetKeys'];
}

/** The mark views show when the money is not real: on the bundled simulator, Binance's demo trading or the testnets. */
export function environmentMark(app: Pick<AppState, 'environment' | 'simulator'>): string | null {
  if (app.simulator || app.environment === 'demo') return t('commonMarkDemo');
  return app.environment === 'testnet' ? t('commonMarkTestnet') : null;
}
