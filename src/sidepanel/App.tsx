import { useEffect, useState } from 'preact/hooks';
import { ConfirmBox } from '../shared/ConfirmBox';
import { Countdown } from '../shared/Countdown';
import { fmt, pct, price, trimZeros } from '../shared/format';
import type { BatchPreview, Dashboard, Intent, Preview, Step } from '../shared/hedge-types';
import { subscribe } from '../shared/listen';
import { RequestError, send } from '../shared/messaging';
import { KeyControl } from '../shared/Unlock';
import { useDashboard } from '../shared/useDashboard';
import { BatchBox } from './BatchBox';

type ChartsView = typeof import('./Charts').Charts;

/** uPlot is the largest part of the side panel: fetched after the first paint, not before it. */
function useCharts(): ChartsView | 'failed' | null {
  const [charts, setCharts] = useState<ChartsView | 'failed' | null>(null);
  useEffect(() => {
    import('./Charts').then(
      (m) => setCharts(() => m.Charts),
      () => setCharts('failed'),
    );
  }, []);
  return charts;
}

type Row = Dashboard['assets'][number];
type Flow = { preview: Preview; running: Step | null } | null;

function download(name: string, text: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  a.download = name;
  a.click();
  URL.revokeObjectURL(a.href);
}

function Actions({ row, start }: { row: Row; start: (asset: string, intent: Intent) => void }) {
  const short = Number(row.hedge) !== 0;
  return (
    <td>
      {row.action && (
        <button class="small primary" onClick={() => start(row.asset, row.action!.intent)} data-testid={`act-${row.asset}`}>
          {row.status === 'orphan' ? 'Close' : row.status === 'under' && !short ? 'Hedge' : 'Rebalance'}
        </button>
      )}{' '}
      {short && row.status !== 'orphan' && (
        <button class="small secondary" onClick={() => start(row.asset, 'close')} data-testid={`close-${row.asset}`}>
          Close
        </button>
      )}
    </td>
  );
}

function PnlTable({ rows }: { rows: Row[] }) {
  const withPnl = rows.filter((r) => r.pnl);
  if (withPnl.length === 0) return null;
  const cell = (v: string) => <td class={v.startsWith('-') ? 'down' : 'up'}>{fmt(v)}</td>;
  return (
    <table data-testid="pnl" aria-label="Hedge P&L since the short was opened">
      <thead>
        <tr><th>P&amp;L (USDT)</th><th>Spot move</th><th>Futures</th><th>Funding</th><th>Fees</th><th>Net</th></tr>
      </thead>
      <tbody>
        {withPnl.map((r) => (
          <tr key={r.asset}>
            <td>{r.asset}</td>
            {cell(r.pnl!.spotMove)}
            {cell(r.pnl!.futuresPnl)}
            {cell(r.pnl!.funding)}
            {cell(r.pnl!.fees)}
            {cell(r.pnl!.net)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function App({ cached }: { cached: Dashboard | undefined }) {
  const { app, dashboard, refreshing, error, reload } = useDashboard(cached);
  const Charts = useCharts();
  const [flow, setFlow] = useState<Flow>(null);
  const [batch, setBatch] = useState<BatchPreview | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    const lifetime = new AbortController();
    subscribe((e) => e.type === 'progress' && setFlow((f) => (f && f.preview.id === e.previewId ? { ...f, running: e.step } : f)), lifetime.signal);
    return () => lifetime.abort();
  }, []);

  const fail = (err: unknown) => setMessage({ ok: false, text: err instanceof RequestError ? [err.info.message, err.info.action].filter(Boolean).join(' ') : 'That did not work.' });

  async function start(asset: string, intent: Intent) {
    setMessage(null);
    try {
      setFlow({ preview: await send({ type: 'hedge/preview', asset, intent }), running: null });
    } catch (err) {
      fail(err);
    }
  }

  async function confirm(preview: Preview) {
    if (flow?.running) return;
    setFlow({ preview, running: 'placing' });
    try {
      const result = await send({ type: 'hedge/execute', previewId: preview.id });
      setMessage({ ok: true, text: result.message });
    } catch (err) {
      fail(err);
    } finally {
      setFlow(null);
      reload();
    }
  }

  async function previewAll() {
    setMessage(null);
    try {
      setBatch(await send({ type: 'hedge/preview-all' }));
    } catch (err) {
      fail(err);
    }
  }

  async function exportCsv() {
    try {
      const { journalCsv, fundingCsv } = await send({ type: 'history/export' });
      download('spot-hedge-journal.csv', journalCsv);
      download('spot-hedge-funding.csv', fundingCsv);
    } catch (err) {
      fail(err);
    }
  }

  const rows = dashboard?.assets.filter((a) => a.status !== 'stablecoin') ?? [];
  return (
    <main data-testid="sidepanel">
      <h1>Hedge dashboard {refreshing && <span class="muted">· updating…</span>}</h1>
      {app && <p data-testid="status" class="muted">Keys: {app.keys} · {app.environment}</p>}
      {app && <KeyControl app={app} onChange={reload} />}
      {error && <p class="error" role="alert">{error}</p>}
      {message && <p class={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'} data-testid="message">{message.text}</p>}
      {batch && (
        <BatchBox
          batch={batch}
          onDone={(summary) => {
            setBatch(null);
            setMessage(summary);
            reload();
          }}
        />
      )}
      {flow && <ConfirmBox preview={flow.preview} running={flow.running} onConfirm={() => void confirm(flow.preview)} onCancel={() => setFlow(null)} />}
      {dashboard && (
        <>
          <div class="summary">
            <div data-testid="margin-ratio"><span>Margin ratio</span>{pct(dashboard.marginRatio, 1)}</div>
            <div><span>Margin balance</span>{fmt(dashboard.account?.totalMarginBalance)} USDT</div>
            <div><span>Available</span>{fmt(dashboard.account?.availableBalance)} USDT</div>
            <div><span>Next funding, all hedges</span>{fmt(dashboard.nextFunding)} USDT</div>
          </div>
          {dashboard.warnings.length > 0 && (
            <section aria-label="Warnings">
              {dashboard.warnings.map((w) => (
                <div key={w.id} class={`warning sev-${w.severity}`} data-testid="warning" data-id={w.id}>{w.message}</div>
              ))}
            </section>
          )}
          {!batch && !flow && rows.some((r) => r.status === 'under') && (
            <button class="primary" onClick={() => void previewAll()} data-testid="hedge-all">Hedge all unhedged</button>
          )}
          <div style={{ overflowX: 'auto' }}>
            <table data-testid="assets">
              <thead>
                <tr>
                  <th>Asset</th><th>Spot</th><th>Short</th><th>Ratio</th><th>Status</th><th>Mark</th><th>Funding (yr)</th><th>Next</th><th>Funding so far</th><th>Liq. (dist.)</th><th />
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.asset} data-testid={`row-${r.asset}`}>
                    <td>{r.asset}<div class="muted">{r.symbol ?? '—'}</div></td>
                    <td>{fmt(r.exposure, 8)}</td>
                    <td>{fmt(r.hedge, 8)}</td>
                    <td>{r.ratio === null ? '—' : pct(r.ratio, 1)}</td>
                    <td><span class={`badge s-${r.status}`}>{r.status}</span></td>
                    <td>{price(r.markPrice)}</td>
                    <td class={r.lastFundingRate?.startsWith('-') ? 'down' : 'up'}>{pct(r.lastFundingRate, 4)} ({pct(r.annualizedFunding, 1)})</td>
                    <td>{r.nextFundingTime ? <Countdown time={r.nextFundingTime} /> : '—'}</td>
                    <td class={r.fundingTotal.startsWith('-') ? 'down' : 'up'}>{fmt(trimZeros(r.fundingTotal), 4)}</td>
                    <td>{r.liquidationPrice ? `${price(r.liquidationPrice)} (${pct(r.liquidationDistance, 1)})` : '—'}</td>
                    <Actions row={r} start={(a, i) => void start(a, i)} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <PnlTable rows={rows} />
          <p class="muted">Updated {new Date(dashboard.updatedAt).toLocaleTimeString()} · positive funding: longs pay shorts, so a short hedge receives.</p>
          {app?.keys === 'unlocked' && (
            Charts === 'failed' ? (
              <p class="error">The charts could not be loaded; reopen the side panel.</p>
            ) : Charts ? (
              <Charts version={dashboard.updatedAt} />
            ) : (
              <p class="muted">Loading charts…</p>
            )
          )}
          <button class="secondary" onClick={() => void exportCsv()}>Export journal and funding (CSV)</button>
        </>
      )}
    </main>
  );
}
