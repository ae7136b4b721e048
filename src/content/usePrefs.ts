/** The panel's place and collapsed state, remembered across pages in storage.local. */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';

export interface PanelPrefs {
  /** Offset from the bottom-right corner, in px. */
  right: number;
  bottom: number;
  collapsed: boolean;
}

const KEY = 'panelPrefs';
const DEFAULT: PanelPrefs = { right: 16, bottom: 16, collapsed: false };

export function usePrefs(): [PanelPrefs, (p: Partial<PanelPrefs>) => void] {
  const [prefs, setPrefs] = useState(DEFAULT);
  useEffect(() => {
    browser.storage.local.get(KEY).then(
      (got) => got[KEY] && setPrefs({ ...DEFAULT, ...(got[KEY] as PanelPrefs) }),
      () => undefined,
    );
  }, []);
  const update = (patch: Partial<PanelPrefs>): void => {
    setPrefs((old) => {
      const next = { ...old, ...patch };
      browser.storage.local.set({ [KEY]: next }).catch(() => undefined);
      return next;
    });
  };
  return [prefs, update];
}
