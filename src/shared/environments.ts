/** What each Binance environment offers, in the words the options page shows before it surprises anyone. */
import type { AppState, Environment } from './protocol';

/** Plain words for what an environment cannot do, shown in options before it surprises anyone. */
export function unavailable(env: Environment): string[] {
  if (env === 'production') return [];
  const common = [
    "The key's permissions cannot be read here (no /sapi): the extension checks instead that the key can read your spot and futures accounts.",
    'USDT cannot be moved between Spot and Futures by the extension: move it yourself before hedging.',
  ];
  return env === 'demo'
    ? [...common, 'Demo trading uses one key for spot and USDⓈ-M, made on demo.binance.com.']
    : [
        ...common,
        "The spot testnet and Binance's futures testnet are separate sites with separate keys, so one key cannot read both: prefer Demo trading for a full test.",
      ];
}

/** The mark views show when the money is not real: on the bundled simulator, Binance's demo trading or the testnets. */
export function environmentMark(app: Pick<AppState, 'environment' | 'simulator'>): string | null {
  if (app.simulator) return 'DEMO';
  return app.environment === 'production' ? null : app.environment.toUpperCase();
}
