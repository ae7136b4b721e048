/** A fetch that sends Binance's real hosts to the simulator, as the e2e routing does in the browser. */
export const toSim = (simUrl: string): typeof fetch => (input, init) =>
  fetch(String(input).replace(/^https:\/\/(api|fapi)\.binance\.com/, simUrl), init);
