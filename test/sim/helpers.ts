/** A minimal signed-request helper for the simulator's own tests (independent of src/binance). */
import { hmacHex } from './auth';
import type { Sim } from './server';

export async function call(sim: Sim, method: string, path: string, params: Record<string, string | number> = {}, opts: { key?: string; secret?: string; timestamp?: number; sign?: boolean } = {}) {
  const q = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
  const signed = opts.sign ?? true;
  if (signed) {
    q.append('recvWindow', '5000');
    q.append('timestamp', String(opts.timestamp ?? sim.now()));
    q.append('signature', hmacHex(opts.secret ?? sim.apiSecret, q.toString()));
  }
  const res = await fetch(`${sim.url}${path}?${q}`, { method, headers: { 'X-MBX-APIKEY': opts.key ?? sim.apiKey } });
  const text = await res.text();
  let body: any = text; // a reply that is not JSON (an injected fault, a gateway page) stays text
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: res.status, headers: res.headers, body };
}

export const control = (sim: Sim, path: string, body: unknown = {}) => {
  const read = path === 'orders' || path === 'requests' || path === 'algo-orders';
  return fetch(`${sim.url}/__sim/${path}`, read ? {} : { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json() as Promise<any>);
};

export const order = (sim: Sim, p: Record<string, string | number>) =>
  call(sim, 'POST', '/fapi/v1/order', { type: 'MARKET', newOrderRespType: 'RESULT', ...p });
