/**
 * Figure 4's attribution: which of a page's main-thread time is the content script's. Two records
 * of the same window: a CDP `Profiler` profile (JavaScript, by the script each sampled stack runs)
 * and a trace (Recalculate Style, Layout and Paint, with what invalidated them: the stack of the
 * script that changed the DOM, or the node that changed). Locations in the built bundle are read
 * back to the source through the build's source map, so an item reads "src/shared/Countdown.tsx:17".
 */
import { existsSync, readFileSync } from 'node:fs';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';

/** A CDP Profiler.Profile (the fields used here). */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** One trace event as Chromium writes it (the fields used here). */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { data?: Record<string, any>; beginData?: Record<string, any> };
}

interface StackFrame {
  url: string;
  functionName: string;
  lineNumber: number;
  columnNumber: number;
}

export interface Attribution {
  /** Milliseconds of ours in the window, by kind. */
  script: number;
  style: number;
  layout: number;
  paint: number;
  /** Milliseconds by item ("Layout after src/shared/Countdown.tsx:17"). */
  items: Map<string, number>;
  /** Style/layout passes that also held the page's own changes, counted wholly as ours. */
  shared: number;
}

/**
 * Names a position in a built file by its source ("src/content/Panel.tsx:17") through the build's
 * source map; `line` is 1-based, `column` 0-based (the map's convention). Unmapped, or no map: the
 * fallback.
 */
export function sourceNamer(mapFile: string): (line: number, column: number, fallback: string) => string {
  if (!existsSync(mapFile)) return (_l, _c, fallback) => fallback;
  const map = new TraceMap(readFileSync(mapFile, 'utf8'));
  return (line, column, fallback) => {
    const { source, line: at } = originalPositionFor(map, { line, column });
    return source === null ? fallback : `${source.replace(/^(\.\.\/)+/, '').replace(/^.*node_modules\//, '')}:${at}`;
  };
}

/** A position named in our own source rather than in a bundled library. */
const isOwn = (name: string): boolean => name.startsWith('src/');

/**
 * Ours in one window. `ours` tells a script URL of ours; `nodes` are the DOM node ids (backend ids,
 * the trace's nodeId) under our shadow host; `where` names a position in our script.
 */
export function attribute(
  profile: CpuProfile,
  trace: TraceEvent[],
  ours: (url: string) => boolean,
  nodes: Set<number>,
  where: (frame: StackFrame, zeroBased: boolean) => string,
): Attribution {
  const items = new Map<string, number>();
  const add = (key: string, ms: number): void => void items.set(key, (items.get(key) ?? 0) + ms);
  const result: Attribution = { script: 0, style: 0, layout: 0, paint: 0, items, shared: 0 };

  // JavaScript: each sample lasts until the next; it is ours when any frame of its stack runs our
  // script (what our code calls into, the DOM or the extension API, counts with it). The item is
  // the innermost frame of our own source, else of the libraries bundled in (Preact's diff names
  // nothing: the component that asked for it does).
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const innermost = new Map<number, string | null>();
  const ourFrame = (id: number): string | null => {
    if (innermost.has(id)) return innermost.get(id)!;
    const n = byId.get(id)!;
    const outer = parent.has(id) ? ourFrame(parent.get(id)!) : null;
    const here = ours(n.callFrame.url) ? where(n.callFrame, true) : null;
    const found = here && (isOwn(here) || !outer || !isOwn(outer)) ? here : outer;
    innermost.set(id, found);
    return found;
  };
  for (let i = 0; i < profile.samples.length - 1; i++) {
    const key = ourFrame(profile.samples[i]!);
    if (!key) continue;
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    result.script += ms;
    add(`script ${key}`, ms);
  }

  // Style, layout, paint on the page's main thread (the thread that paints most).
  const paints = new Map<string, number>();
  for (const e of trace) if (e.name === 'Paint') paints.set(`${e.pid}:${e.tid}`, (paints.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const main = [...paints].sort((a, b) => b[1] - a[1])[0]?.[0];
  const events = trace.filter((e) => `${e.pid}:${e.tid}` === main).sort((a, b) => a.ts - b.ts);
  const stackOf = (frames: StackFrame[] | undefined): string | null => {
    const names = (frames ?? []).filter((x) => ours(x.url)).map((f) => where(f, false));
    return names.find(isOwn) ?? names[0] ?? null;
  };
  /** Why an invalidation is ours: the script that made it, or the node it touched; null: the page's. */
  const cause = (data: Record<string, any> | undefined): string | null =>
    stackOf(data?.stackTrace) ?? (data && nodes.has(data.nodeId) ? 'a change in the panel' : null);
  const STYLE = new Set(['ScheduleStyleRecalculation', 'StyleRecalcInvalidationTracking', 'StyleInvalidatorInvalidationTracking']);
  const LAYOUT = new Set(['InvalidateLayout', 'LayoutInvalidationTracking']);
  let style: { ours: string | null; page: boolean } = { ours: null, page: false };
  let layout: { ours: string | null; page: boolean } = { ours: null, page: false };
  let frame: string | null = null;
  // Paints of one frame. The panel paints on a layer of its own (the layer's node is in `nodes`):
  // those are ours whatever caused them. A frame whose style or layout was ours but that painted no
  // layer of ours (the panel not on its own layer) counts all its paints as ours: an upper bound.
  let framePaints: TraceEvent[] = [];
  const settlePaints = (c: string | null): void => {
    const own = framePaints.filter((p) => nodes.has(p.args?.data?.nodeId));
    for (const p of own.length || !c ? own : framePaints) {
      const ms = (p.dur ?? 0) / 1000;
      result.paint += ms;
      add(`Paint after ${c ?? 'a change in the panel'}`, ms);
    }
    framePaints = [];
  };
  /** A style or layout pass: ours when forced by our script or invalidated by us since the last one. */
  const charge = (e: TraceEvent, kind: 'style' | 'layout', label: string, pending: { ours: string | null; page: boolean }): string | null => {
    const c = stackOf(e.args?.beginData?.stackTrace) ?? pending.ours;
    if (!c) return null;
    const ms = (e.dur ?? 0) / 1000;
    result[kind] += ms;
    add(`${label} after ${c}`, ms);
    if (pending.page) result.shared++;
    frame ??= c;
    return c;
  };
  for (const e of events) {
    const data = e.args?.data;
    if (STYLE.has(e.name)) {
      const c = cause(data);
      if (c) style.ours ??= c;
      else style.page = true;
    } else if (LAYOUT.has(e.name)) {
      const c = cause(data);
      if (c) layout.ours ??= c;
      else layout.page = true;
    } else if (e.name === 'UpdateLayoutTree' && e.ph === 'X') {
      const c = charge(e, 'style', 'Recalculate Style', style);
      // What the new styles move is laid out next: that layout is ours too.
      if (c) layout.ours ??= c;
      style = { ours: null, page: false };
    } else if (e.name === 'Layout' && e.ph === 'X') {
      charge(e, 'layout', 'Layout', layout);
      layout = { ours: null, page: false };
    } else if (e.name === 'Paint' && e.ph === 'X') {
      framePaints.push(e);
    } else if (e.name === 'Commit') {
      settlePaints(frame);
      frame = null;
    }
  }
  settlePaints(frame);
  return result;
}
