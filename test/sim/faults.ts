/** Faults injected into the next N matching requests, for the reliability tests. */
export type FaultKind = 'latency' | 'http5xx' | 'http5xxAfterAccept' | 'timeoutAfterAccept' | 'unreadableAfterAccept' | 'connectionReset' | '429' | '418';

export interface Fault {
  match: { method?: string; path: string };
  count: number;
  kind: FaultKind;
  /** latency: added ms; timeoutAfterAccept: how long to hold the socket before dropping it. */
  ms?: number;
  status?: number;
  /** unreadableAfterAccept: what the 200 reply carries instead of JSON (default: the JSON cut in half). */
  body?: 'truncated' | 'empty' | 'html';
}

export class Faults {
  private list: Fault[] = [];

  add(f: Fault): void {
    this.list.push({ ...f });
  }

  /** Takes (and counts down) the first fault matching this request. */
  take(method: string, path: string): Fault | null {
    const f = this.list.find((x) => x.count > 0 && x.match.path === path && (!x.match.method || x.match.method === method));
    if (!f) return null;
    f.count--;
    this.list = this.list.filter((x) => x.count > 0);
    return f;
  }

  clear(): void {
    this.list = [];
  }
}
