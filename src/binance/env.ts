/** Binance's environments: hosts, and what each one lacks. */

export const ENVIRONMENTS = ['production', 'testnet', 'demo'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export interface Hosts {
  spot: string;
  futures: string;
  /** Futures WebSocket base (routed paths: /market, /private). */
  futuresWs: string;
  /** COIN-M REST (/dapi). */
  coinm: string;
  /** COIN-M WebSocket base (dstream: /ws/<listenKey or stream>, /stream?streams=). */
  coinmWs: string;
  /** Spot WebSocket API (user-data stream subscriptions). */
  spotWsApi: string;
  /** Whether the host has /sapi (key permissions, wallet transfers, Earn): demo and the spot testnet do not. */
  sapi: boolean;
}

/**
 * Production; the spot testnet (testnet.binance.vision) with Binance's futures testnet, which are
 * two separate sites with separate keys; and Demo trading (demo.binance.com), one account and key
 * for spot and USDⓈ-M, whose documented hosts are demo-api (/api only), demo-ws-api and demo-fapi.
 */
export const HOSTS: Record<Environment, Hosts> = {
  production: { spot: 'https://api.binance.com', futures: 'https://fapi.binance.com', futuresWs: 'wss://fstream.binance.com', coinm: 'https://dapi.binance.com', coinmWs: 'wss://dstream.binance.com', spotWsApi: 'wss://ws-api.binance.com:443/ws-api/v3', sapi: true },
  testnet: { spot: 'https://testnet.binance.vision', futures: 'https://testnet.binancefuture.com', futuresWs: 'wss://fstream.binancefuture.com', coinm: 'https://testnet.binancefuture.com', coinmWs: 'wss://dstream.binancefuture.com', spotWsApi: 'wss://ws-api.testnet.binance.vision/ws-api/v3', sapi: false },
  // Binance documents no futures stream host for demo, nor any COIN-M host (demo-dapi is named only by
  // third-party clients): the futures testnet's are the ones its connector names.
  demo: { spot: 'https://demo-api.binance.com', futures: 'https://demo-fapi.binance.com', futuresWs: 'wss://fstream.binancefuture.com', coinm: 'https://testnet.binancefuture.com', coinmWs: 'wss://dstream.binancefuture.com', spotWsApi: 'wss://demo-ws-api.binance.com/ws-api/v3', sapi: false },
};

/** Each environment's name for the user (a message id). */
export const ENVIRONMENT_NAME: Record<Environment, string> = {
  production: 'commonEnvProduction',
  testnet: 'commonEnvTestnet',
  demo: 'commonEnvDemo',
};

/** Where a user of each environment makes its API key (the message saying so). */
export const KEY_PAGE: Record<Environment, string> = {
  production: 'errKeyRefusedDoProduction',
  testnet: 'errKeyRefusedDoTestnet',
  demo: 'errKeyRefusedDoDemo',
};
