/** Binance's environments: hosts, and what each one lacks. */
import type { Environment } from '../shared/protocol';

export interface Hosts {
  spot: string;
  futures: string;
  /** Futures WebSocket base (routed paths: /market, /private). */
  futuresWs: string;
  /** The spot testnet has no /sapi endpoints (key permissions, wallet transfers, margin). */
  sapi: boolean;
}

export const HOSTS: Record<Environment, Hosts> = {
  production: { spot: 'https://api.binance.com', futures: 'https://fapi.binance.com', futuresWs: 'wss://fstream.binance.com', sapi: true },
  testnet: { spot: 'https://testnet.binance.vision', futures: 'https://testnet.binancefuture.com', futuresWs: 'wss://fstream.binancefuture.com', sapi: false },
  demo: { spot: 'https://demo-api.binance.com', futures: 'https://demo-fapi.binance.com', futuresWs: 'wss://fstream.binancefuture.com', sapi: true },
};

/** Plain words for what an environment cannot do, shown in options before it surprises anyone. */
export function unavailable(env: Environment): string[] {
  return HOSTS[env].sapi
    ? []
    : [
        'Key permissions cannot be checked (the spot testnet has no /sapi endpoints).',
        'USDT cannot be moved between Spot and Futures automatically: fund the futures testnet wallet yourself.',
      ];
}
