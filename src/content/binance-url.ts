/**
 * What the Binance page is, read from its URL only (the page's DOM is untrusted).
 * Spot trade pages: /<locale>/trade/BASE_QUOTE and /trade/BASE_QUOTE, with ?type=spot or no type.
 */
export interface Pair {
  base: string;
  quote: string;
}

const TRADE_PATH = /^\/(?:[a-z]{2}(?:-[A-Za-z]{2,4})?\/)?trade\/([A-Z0-9]{1,20})_([A-Z0-9]{2,10})\/?$/;

export function pairFromUrl(href: string): Pair | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.origin !== 'https://www.binance.com') return null;
  const type = url.searchParams.get('type');
  if (type !== null && type !== 'spot') return null;
  const match = TRADE_PATH.exec(url.pathname);
  if (!match) return null;
  return { base: match[1]!, quote: match[2]! };
}

export const isSpotTrade = (href: string): boolean => pairFromUrl(href) !== null;
