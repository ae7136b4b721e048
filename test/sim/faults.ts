/** Faults injected into the next N matching requests, for the reliability tests. */
export type FaultKind = 'latency' | 'http5xx' | 'http5xxAfterAccept' | 'timeoutAfterAccept' | 'unreadableAfterAccept' | 'connectionReset' | '429' | '418' | 'skew' | 'refused';

export interface Fault {
  /** `params`: every listed parameter (query or body) must be equal, e.g. `{ newClientOrderId }`. */
  match: { method?: string; path: string; params?: Record<string, string> };
  count: number;
  kind: FaultKind;
  /** latency: added ms; timeoutAfterAccept: how long to hold the socket before dropping it; skew: the server clock's new shift. */
  ms?: number;
  status?: number;
  /** unreadableAfterAccept: what the 200 reply carries instead of JSON (default: the JSON cut in half). */
  body?: 'truncated' | 'empty' | 'html';
  /** 429: the Retry-After header in seconds (default: to the end of the minute); 418: the ban's length in seconds (default 120). */
  retryAfter?: number;
  /** refused: Binance's error code and message for the request (or, inside a batch, for that one order). */
  code?: number;
  msg?: string;
}

export class Faults {
  private list: Fault[] = [];

  add(f: Fault): void {
    this.list.push({ ...f });
  }

  /** Takes (and counts down) the first fault matching this request. */
  take(method: string, path: string, params: Record<string, string> = {}): Fault | null {
    const f = this.list.find(
      (x) =>
        x.count > 0 &&
        x.match.path === path &&
        (!x.match.method || x.match.method === method) &&
        Object.entries(x.match.params ?? {}).every(([k, v]) => params[k] === v),
    );
    if (!f) return null;
    f.count--;
    this.list = this.list.filter((x) => x.count > 0);
    return f;
  }

  clear(): void {
    this.list = [];
  }
}
