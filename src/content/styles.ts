/** The panel's stylesheet: Binance's dark palette, reset from the page with `all: initial`. */
export const PANEL_CSS = `
:host { all: initial; }
.panel {
  position: fixed; right: 16px; bottom: 16px; z-index: 2147483000;
  width: min(320px, calc(100vw - 32px)); box-sizing: border-box;
  background: #1e2329; color: #eaecef; border: 1px solid #2b3139; border-radius: 8px;
  font: 13px/1.4 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Arial, sans-serif;
  box-shadow: 0 4px 16px rgba(0,0,0,.5); padding: 12px;
}
.title { display: flex; justify-content: space-between; align-items: center; font-weight: 600; margin-bottom: 8px; }
.muted { color: #848e9c; }
.accent { color: #f0b90b; }
.error { color: #f6465d; }
`;
