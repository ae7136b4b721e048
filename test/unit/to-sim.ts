/** A fetch that sends Binance's real hosts (every environment's) to the simulator, as the e2e routing does in the browser. */
export const toSim = (simUrl: string): typeof fetch => (input, init) =>
  fetch(String(input).replace(/^https:\/\/(api|fapi|dapi|demo-api|demo-fapi)\.binance\.com|^https:\/\/testnet\.(binance\.vision|binancefuture\.com)/, simUrl), init);
