/**
 * The panel's place on the page and whether it is folded to a pill, remembered across Binance
 * pages in the declared storage item ITEMS.panelPrefs (the content script is its only writer).
 */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { ITEMS, unwrap, type PanelPrefs } from '../shared/storage';

const { area, key, fallback } = ITEMS.panelPrefs;

export function usePrefs(): [PanelPrefs, (p: Partial<PanelPrefs>) => void] {
  const [prefs, setPrefs] = useState(fallback);
  useEffect(() => {
    browser.storage[area].get(key).then(
      (got) => setPrefs({ ...fallback, ...unwrap(ITEMS.panelPrefs, got[key]) }),
      () => undefined,
    );
  }, []);
  const update = (patch: Partial<PanelPrefs>): void => {
    setPrefs((old) => {
      const next = { ...old, ...patch };
      browser.storage[area].set({ [key]: next }).catch(() => undefined);
      return next;
    });
  };
  return [prefs, update];
}
