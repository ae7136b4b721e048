/**
 * The user's language. Every sentence goes through chrome.i18n (`_locales/<lang>/messages.json`,
 * English by default), every number through Intl in the browser's UI language: a quantity cut to
 * its step, a price at its tick, money to the cent, percentages and funding rates as Binance writes
 * them, a duration — each computed on decimal strings (core/format) and only then written with the
 * language's separators (Intl formats a decimal string exactly). `say` renders the core's Words,
 * `t` a view's own message.
 */
import { cutToStep, decimalsOf, roundToTick, toCents } from '../core/format';
import type { Param, Words } from '../core/words';

/** The language the browser shows its own UI in, which chrome.i18n picks the messages by. */
export const uiLanguage = (): string => chrome.i18n.getUILanguage();

const formats = new Map<string, unknown>();
/** One Intl formatter per kind, language and options: making one costs several times what formatting with it does. */
function cached<F>(kind: string, options: object, make: (language: string) => F): F {
  const key = `${kind} ${uiLanguage()} ${JSON.stringify(options)}`;
  let f = formats.get(key) as F | undefined;
  if (!f) formats.set(key, (f = make(uiLanguage())));
  return f;
}
const numberFormat = (options: Intl.NumberFormatOptions): Intl.NumberFormat => cached('number', options, (l) => new Intl.NumberFormat(l, options));

/** Intl's format takes a decimal string and writes it exactly (no float on the way); typed as number. */
const exact = (f: Intl.NumberFormat, decimal: string): string => f.format(decimal as unknown as number);
const trimmedDecimals = (decimal: string): number => (decimal.split('.')[1] ?? '').replace(/0+$/, '').length;

/** How a sign is written: only a minus (`auto`), or a plus too for what was received or gained (`exceptZero`). */
type Sign = 'auto' | 'exceptZero';

/** A decimal string with `decimals` places (as many as it has, trailing zeros dropped, when omitted). */
export function number(decimal: string, decimals?: number, signDisplay: Sign = 'auto'): string {
  const d = decimals ?? trimmedDecimals(decimal);
  return exact(numberFormat({ minimumFractionDigits: decimals ?? 0, maximumFractionDigits: d, signDisplay }), decimal);
}

/** A fraction as a percentage in the language's style ("43.1%", "43,1 %", "%43,1"). */
export const percent = (fraction: string, decimals = 1, signDisplay: Sign = 'auto'): string =>
  exact(numberFormat({ style: 'percent', minimumFractionDigits: decimals, maximumFractionDigits: decimals, signDisplay }), fraction);

type Formatter = { format(d: object): string };
const DurationFormat = (Intl as unknown as { DurationFormat?: new (l: string, o: object) => Formatter }).DurationFormat;
const durationFormat = (): Formatter | undefined => DurationFormat && cached('duration', {}, (l) => new DurationFormat(l, { style: 'short' }));

/** A duration until then: "1 h 35 min" in the user's language (minutes; seconds in the last minute). */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const parts = s >= 60 ? { hours: Math.floor(s / 3600), minutes: Math.floor((s % 3600) / 60) } : { seconds: s };
  // One unit is what DurationFormat writes through NumberFormat anyway, which formats ~15× faster:
  // the countdown asks each second in the last minute.
  if (DurationFormat && s < 60) return numberFormat({ style: 'unit', unit: 'second', unitDisplay: 'short' }).format(s);
  const f = durationFormat();
  if (f) return f.format(parts);
  return 'seconds' in parts ? `${parts.seconds} s` : parts.hours ? `${parts.hours} h ${parts.minutes} min` : `${parts.minutes} min`;
}

/** One parameter of a sentence, written for the user. */
function param(p: Param): string {
  if (typeof p === 'string') return p;
  if ('id' in p) return say(p);
  if ('coins' in p) return `${number(p.step ? cutToStep(p.coins, p.step) : p.coins)} ${p.asset}`;
  if ('price' in p) return p.tick ? number(roundToTick(p.price, p.tick), decimalsOf(p.tick)) : number(p.price);
  if ('money' in p) return number(toCents(p.money, p.decimals ?? 2), p.decimals ?? 2);
  if ('percent' in p) return percent(p.percent, p.decimals ?? 1);
  if ('rate' in p) return percent(p.rate, 4);
  if ('count' in p) return number(String(p.count));
  if ('at' in p) return new Date(p.at).toLocaleTimeString(uiLanguage());
  if ('day' in p) return new Date(p.day).toLocaleDateString(uiLanguage(), { dateStyle: 'medium' });
  return duration(p.until);
}

/** The core's (or the background's) Words in the user's language; the id itself if the message is missing. */
export function say(w: Words): string {
  return chrome.i18n.getMessage(w.id, (w.params ?? []).map(param)) || w.id;
}

/** A view's own message, with plain string parameters. */
export const t = (id: string, ...params: string[]): string => chrome.i18n.getMessage(id, params) || id;
