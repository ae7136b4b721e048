// @vitest-environment happy-dom
import { act, renderHook, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackgroundEvent } from '../../../src/shared/channels';
import type { HedgeResult, Preview } from '../../../src/shared/hedge-types';
import { words, type Words } from '../../../src/core/words';
import { say } from '../../../src/shared/i18n';
import { RequestError } from '../../../src/shared/messaging';
import { useHedgeFlow, type Outcome } from '../../../src/shared/useHedgeFlow';

const send = vi.fn();
let push: (e: BackgroundEvent) => void = () => undefined;

// The real RequestError, and send() as the test answers it; no extension APIs in a unit test.
vi.mock('webextension-polyfill', () => ({ default: {} }));
vi.mock('../../../src/shared/messaging', async (original) => ({ ...(await original<object>()), send: (r: unknown) => send(r) }));
vi.mock('../../../src/shared/listen', () => ({ subscribe: (on: (e: BackgroundEvent) => void) => (push = on) }));

const preview = (asset: string, extra: Partial<Preview> = {}): Preview =>
  ({ id: `p-${asset}-000000`, asset, transfer: null, changes: {}, ...extra }) as Preview;
const sold = (quantity: string, symbol: string): Words => words('resultSold', { count: quantity }, symbol);
const result = (message: Words): HedgeResult => ({ clientOrderId: 'sh-1', orderId: 1, executedQty: '1', avgPrice: null, view: null, message });
const refuse = (code: string, message: Words, action?: Words) => Promise.reject(new RequestError(action ? { code, message, action } : { code, message }));
const NO_MARGIN = words('errBinance2019');
const ADD_MARGIN = words('errBinance2019Do');
/** The outcome as the user reads it (English). */
const read = (o: Outcome | null) => o && { ...o, message: say(o.message), ...(o.action ? { action: say(o.action) } : {}) };

/** A reply the test hands out when it chooses. */
function later<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

type Flow = { current: ReturnType<typeof useHedgeFlow> };

/** The flow holding `p` for the user's confirm. */
async function reviewed(flow: Flow, p: Preview): Promise<void> {
  send.mockResolvedValueOnce(p);
  act(() => flow.current.review(p.asset, 'hedge'));
  await waitFor(() => expect(flow.current.confirming?.previews).toEqual([p]));
}

beforeEach(() => send.mockReset());

describe('useHedgeFlow', () => {
  it('previews, confirms with the progress steps, and ends with the result', async () => {
    const onExecuted = vi.fn();
    const { result: flow } = renderHook(() => useHedgeFlow({ onExecuted }));
    await reviewed(flow, preview('BTC', { transfer: '10' }));
    expect(send).toHaveBeenLastCalledWith({ type: 'hedge/preview', asset: 'BTC', intent: 'hedge' });

    const reply = later<HedgeResult>();
    send.mockReturnValueOnce(reply.promise);
    act(() => flow.current.confirm());
    expect(flow.current.running).toEqual({ index: 0, step: 'transferring' });
    act(() => push({ type: 'progress', previewId: 'p-BTC-000000', step: 'placing' }));
    expect(flow.current.running?.step).toBe('placing');
    act(() => push({ type: 'progress', previewId: 'another-preview', step: 'verifying' }));
    expect(flow.current.running?.step).toBe('placing');

    await act(async () => reply.resolve(result(sold('1.5', 'BTCUSDT'))));
    expect(read(flow.current.outcome)).toMatchObject({ kind: 'done', message: 'Sold 1.5 BTCUSDT.', assets: ['BTC'] });
    expect(flow.current.confirming).toBeNull();
    expect(onExecuted).toHaveBeenCalledWith([result(sold('1.5', 'BTCUSDT'))]);
  });

  it('sends one order for a double click on Confirm', async () => {
    const { result: flow } = renderHook(() => useHedgeFlow());
    await reviewed(flow, preview('ETH'));
    const reply = later<HedgeResult>();
    send.mockReturnValue(reply.promise);
    act(() => {
      flow.current.confirm();
      flow.current.confirm();
    });
    await act(async () => reply.resolve(result(sold('12', 'ETHUSDT'))));
    expect(send.mock.calls.filter(([r]) => r.type === 'hedge/execute')).toHaveLength(1);
  });

  it('says "checking" for an order Binance may have, until the background reports the asset changed', async () => {
    const onChanged = vi.fn();
    const { result: flow } = renderHook(() => useHedgeFlow({ onChanged }));
    await reviewed(flow, preview('SOL'));
    send.mockReturnValueOnce(refuse('order-unknown', words('errOrderUnknown'), words('errOrderUnknownDo')));
    await act(async () => flow.current.confirm());
    expect(read(flow.current.outcome)).toMatchObject({ kind: 'checking', message: 'Binance did not confirm whether the order was placed.', action: expect.stringMatching(/^Do not place it again by hand/) });
    act(() => push({ type: 'changed', assets: ['BTC'] }));
    expect(flow.current.outcome?.kind).toBe('checking');
    act(() => push({ type: 'changed', assets: ['SOL'] }));
    expect(flow.current.outcome).toBeNull();
    expect(onChanged).toHaveBeenLastCalledWith(['SOL']);
  });

  it('treats a worker that stopped mid-order as checking, and a refusal as a failure', async () => {
    const { result: flow } = renderHook(() => useHedgeFlow());
    for (const [code, kind] of [['unreachable', 'checking'], ['transfer-unknown', 'failed'], ['margin-not-movable', 'failed']] as const) {
      await reviewed(flow, preview('BTC'));
      send.mockReturnValueOnce(refuse(code, words('errOrderUnknown')));
      await act(async () => flow.current.confirm());
      expect(flow.current.outcome?.kind, code).toBe(kind);
    }
  });

  it('shows a failed preview and never executes', async () => {
    const { result: flow } = renderHook(() => useHedgeFlow());
    send.mockReturnValueOnce(refuse('insufficient-usdt', NO_MARGIN, ADD_MARGIN));
    act(() => flow.current.review('BTC', 'hedge'));
    await waitFor(() => expect(read(flow.current.outcome)).toMatchObject({ kind: 'failed', message: say(NO_MARGIN), action: say(ADD_MARGIN) }));
    act(() => flow.current.confirm());
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('sends "hedge all" as one request and says which assets were hedged and which not, and why', async () => {
    const onExecuted = vi.fn();
    const { result: flow } = renderHook(() => useHedgeFlow({ onExecuted }));
    const previews = [preview('BTC'), preview('ETH'), preview('PEPE')];
    send.mockResolvedValueOnce({ previews, skipped: [], totals: {} });
    act(() => flow.current.reviewAll());
    await waitFor(() => expect(flow.current.confirming?.batch).not.toBeNull());
    const btc = result(sold('1', 'BTCUSDT'));
    const pepe = result(sold('30000', '1000PEPEUSDT'));
    send.mockResolvedValueOnce({ results: [{ ok: true, result: btc }, { ok: false, error: { code: 'binance-2019', message: NO_MARGIN } }, { ok: true, result: pepe }] });
    act(() => flow.current.confirm());
    await waitFor(() => expect(read(flow.current.outcome)).toMatchObject({ kind: 'failed', batch: true, message: 'Hedged BTC, PEPE; not ETH: Not enough margin in your Futures wallet for this order.' }));
    expect(send.mock.calls.slice(1).map(([r]) => r)).toEqual([{ type: 'hedge/execute-all', previewIds: ['p-BTC-000000', 'p-ETH-000000', 'p-PEPE-000000'] }]);
    expect(onExecuted).toHaveBeenCalledWith([btc, pepe]);
  });

  it('says which assets "hedge all" hedged', async () => {
    const { result: flow } = renderHook(() => useHedgeFlow());
    send.mockResolvedValueOnce({ previews: [preview('BTC'), preview('ETH')], skipped: [], totals: {} });
    act(() => flow.current.reviewAll());
    await waitFor(() => expect(flow.current.confirming).not.toBeNull());
    send.mockResolvedValue({ results: [{ ok: true, result: result(sold('1', 'BTCUSDT')) }, { ok: true, result: result(sold('12', 'ETHUSDT')) }] });
    act(() => flow.current.confirm());
    await waitFor(() => expect(read(flow.current.outcome)).toMatchObject({ kind: 'done', batch: true, message: 'Hedged BTC, ETH.' }));
  });

  it('does not pass on changes while its own order runs (its reply brings the new view)', async () => {
    const onChanged = vi.fn();
    const { result: flow } = renderHook(() => useHedgeFlow({ onChanged }));
    await reviewed(flow, preview('BTC'));
    const reply = later<HedgeResult>();
    send.mockReturnValueOnce(reply.promise);
    act(() => flow.current.confirm());
    act(() => push({ type: 'changed', assets: ['BTC'] }));
    expect(onChanged).not.toHaveBeenCalled();
    await act(async () => reply.resolve(result(sold('1', 'BTCUSDT'))));
    act(() => push({ type: 'changed', assets: ['BTC'] }));
    expect(onChanged).toHaveBeenCalledWith(['BTC']);
  });
});
