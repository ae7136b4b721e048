/**
 * A small CDP client on the browser's own endpoint (`--remote-debugging-port=0`), for what
 * Playwright does not reach in a persistent context: the extension's service worker as a target
 * (its heap). Flat sessions: one WebSocket, each command tagged with the target's sessionId.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';

export const DEBUGGING_PORT_ARG = '--remote-debugging-port=0';

export interface BrowserCdp {
  send<T = any>(method: string, params?: object, sessionId?: string): Promise<T>;
  /** Attaches to the extension's service worker (again, if it restarted): its session and target id. */
  worker(extensionId: string): Promise<{ sessionId: string; targetId: string }>;
  /** Evaluates `expression` in a session's main context (a promise is awaited); returns its value. */
  evaluate<T = unknown>(sessionId: string, expression: string): Promise<T>;
  close(): void;
}

/** Connects to the browser launched with DEBUGGING_PORT_ARG on `userDataDir` (Chromium writes the port there). */
export async function browserCdp(userDataDir: string): Promise<BrowserCdp> {
  let active = '';
  for (const end = Date.now() + 10_000; !active; await new Promise((r) => setTimeout(r, 50))) {
    try {
      active = readFileSync(join(userDataDir, 'DevToolsActivePort'), 'utf8');
    } catch {
      if (Date.now() > end) throw new Error('Chromium wrote no DevToolsActivePort: was it launched with --remote-debugging-port=0?');
    }
  }
  const [port, path] = active.trim().split('\n');
  const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let next = 0;
  const pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  ws.on('message', (raw) => {
    const m = JSON.parse(String(raw)) as { id?: number; result?: unknown; error?: { message: string } };
    const p = m.id === undefined ? undefined : pending.get(m.id);
    if (!p) return;
    pending.delete(m.id!);
    if (m.error) p.reject(new Error(m.error.message));
    else p.resolve(m.result);
  });
  const send = <T>(method: string, params: object = {}, sessionId?: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = ++next;
      pending.set(id, { resolve, reject });
      ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  const sessions = new Map<string, string>();
  return {
    send,
    async worker(extensionId) {
      const { targetInfos } = await send<{ targetInfos: { targetId: string; type: string; url: string }[] }>('Target.getTargets');
      const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
      if (!sw) throw new Error('the extension has no service worker running');
      let sessionId = sessions.get(sw.targetId);
      if (!sessionId) {
        ({ sessionId } = await send<{ sessionId: string }>('Target.attachToTarget', { targetId: sw.targetId, flatten: true }));
        sessions.set(sw.targetId, sessionId);
      }
      return { sessionId, targetId: sw.targetId };
    },
    async evaluate<T>(sessionId: string, expression: string) {
      const r = await send<{ result: { value: T }; exceptionDetails?: { text: string; exception?: { description?: string } } }>(
        'Runtime.evaluate',
        { expression, awaitPromise: true, returnByValue: true },
        sessionId,
      );
      if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
      return r.result.value;
    },
    close: () => ws.close(),
  };
}
