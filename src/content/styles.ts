/**
 * The panel's stylesheet, injected into its closed shadow root: Binance's dark palette, reset from
 * the page with `all: initial`, so the page's CSS cannot reach the panel nor the panel's the page.
 */
export const PANEL_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.panel, .pill {
  position: fixed; z-index: 2147483000;
  font: 13px/1.4 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Arial, sans-serif;
  color: #eaecef; background: #1e2329; border: 1px solid #2b3139; box-shadow: 0 4px 16px rgba(0,0,0,.5);
  /*
   * What changes inside (the countdown each second in its last minute) is laid out apart from the
   * page and painted on a layer of its own: the page's busy repaints never repaint the panel, nor its
   * changes the page. (A layer, not a transform: IntersectionObserver v2 must still see it visible.)
   */
  contain: content; will-change: transform;
}
.panel { width: min(320px, calc(100vw - 16px)); max-height: calc(100vh - 16px); overflow: auto; border-radius: 8px; padding: 10px 12px 12px; }
.pill { border-radius: 16px; padding: 6px 12px; cursor: pointer; font-weight: 600; display: flex; gap: 6px; align-items: center; }
.title { display: flex; justify-content: space-between; align-items: center; font-weight: 600; margin-bottom: 8px; cursor: move; user-select: none; touch-action: none; }
.rows { display: grid; grid-template-columns: 84px 1fr; gap: 3px 8px; margin: 0 0 8px; }
.rows dt { color: #848e9c; }
.rows dd { margin: 0; word-break: break-word; }
.rows dd.reason { grid-column: 1 / -1; color: #b7bdc6; font-size: 12px; }
.muted { color: #848e9c; }
.up { color: #0ecb81; } .down { color: #f6465d; }
.badge { padding: 0 6px; border-radius: 3px; font-size: 12px; background: #2b3139; }
.s-hedged { color: #0ecb81; } .s-under, .s-over, .s-below-min, .s-unreadable { color: #f0b90b; } .s-orphan { color: #f6465d; }
.dot { width: 8px; height: 8px; border-radius: 50%; background: currentColor; display: inline-block; }
.demo { margin-left: 6px; padding: 0 5px; border-radius: 3px; background: #f0b90b; color: #181a20; font-size: 11px; font-weight: 700; }
button { font: inherit; border: 0; border-radius: 4px; padding: 7px 12px; cursor: pointer; }
button:focus-visible { outline: 2px solid #f0b90b; outline-offset: 2px; }
.primary { background: #f0b90b; color: #181a20; font-weight: 600; }
/* Not yet armed: a darker fill, never opacity or a filter (those make IntersectionObserver v2 call it invisible). */
.primary.arming { background: #8c6d0a; cursor: default; }
.refused { color: #f6465d; font-size: 12px; margin: 6px 0 0; }
.secondary { background: #2b3139; color: #eaecef; }
.icon { background: none; color: #848e9c; padding: 0 6px; font-size: 16px; }
.wide { width: 100%; }
.confirm { border-top: 1px solid #2b3139; padding-top: 8px; }
.confirm-title { font-weight: 600; margin-bottom: 6px; }
.buttons { display: flex; gap: 8px; } .buttons .primary { flex: 1; }
.warn { color: #f0b90b; padding-left: 16px; margin: 4px 0 8px; font-size: 12px; }
.routes { display: flex; gap: 6px; margin: 4px 0 8px; }
.route { flex: 1; font-size: 12px; padding: 4px 6px; }
.route.chosen { background: #f0b90b; color: #1e2329; font-weight: 600; }
.partial { border-left: 3px solid #f0b90b; padding: 4px 8px; margin: 4px 0 8px; font-weight: 600; }
.steps { padding-left: 18px; margin: 4px 0; } .steps .done { color: #0ecb81; } .steps .now { font-weight: 600; }
.small { padding: 3px 8px; font-size: 12px; }
button:disabled { opacity: .6; cursor: default; }
.outcome { border-left: 3px solid #848e9c; background: #181a20; padding: 6px 8px; margin: 0 0 8px; border-radius: 4px; }
.outcome p { margin: 0 0 4px; }
.outcome.done { border-color: #0ecb81; } .outcome.done p:first-of-type { color: #0ecb81; }
.outcome.checking { border-color: #f0b90b; } .outcome.checking strong { color: #f0b90b; }
.outcome.failed { border-color: #f6465d; } .outcome.failed p:first-of-type { color: #f6465d; }
`;
