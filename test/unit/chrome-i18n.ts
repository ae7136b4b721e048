/**
 * chrome.i18n for tests in Node: English from public/_locales/en/messages.json, substituted the way
 * Chrome does it (named placeholders whose content is $1…$9), and the UI language 'en'. Tests
 * compare sentences as the user reads them: a Words equals the English string it renders to, and
 * `said` writes an error's or a Words' message in English.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import type { Words } from '../../src/core/words';
import { say } from '../../src/shared/i18n';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

export function i18nFrom(messages: Messages, language: string) {
  return {
    getUILanguage: () => language,
    getMessage(id: string, substitutions: string | string[] = []): string {
      const m = messages[id];
      // Chrome answers '' for an unknown id; a test fails instead, so no sentence ships without its message.
      if (!m) throw new Error(`no message "${id}" in _locales (${language})`);
      const subs = typeof substitutions === 'string' ? [substitutions] : substitutions;
      const fill = (content: string) => content.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
      return m.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
        const ph = m.placeholders?.[name.toLowerCase()];
        return ph ? fill(ph.content) : whole;
      });
    },
  };
}

export const english = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8')) as Messages;
const g = globalThis as unknown as { chrome?: { i18n?: unknown } };
g.chrome ??= {};
g.chrome.i18n ??= i18nFrom(english, 'en');

const isWords = (v: unknown): v is Words =>
  typeof v === 'object' && v !== null && typeof (v as Words).id === 'string' && Object.keys(v).every((k) => k === 'id' || k === 'params') && (v as Words).id in english;

/** The English of a Words, of an error's message (BinanceError, UserError) or of an ErrorInfo. */
export function said(v: unknown): string {
  if (typeof v === 'string') return v; // a view's own text, already rendered
  if (isWords(v)) return say(v);
  const o = v as { words?: unknown; info?: { message?: unknown }; message?: unknown } | null;
  for (const w of [o?.words, o?.info?.message, o?.message]) if (isWords(w)) return say(w);
  throw new Error(`no words in ${String(v)}`);
}

expect.extend({
  /** The English the user reads matches: `expect(err).toSay(/…/)`, `{ message: expect.toSay(/…/) }`. */
  toSay(received: unknown, expected: RegExp | string) {
    let text: string;
    try {
      text = said(received);
    } catch {
      return { pass: false, message: () => `expected words, got ${this.utils.printReceived(received)}` };
    }
    const pass = typeof expected === 'string' ? text.includes(expected) : expected.test(text);
    return { pass, message: () => `expected ${this.utils.printReceived(text)} ${pass ? 'not ' : ''}to say ${this.utils.printExpected(expected)}` };
  },
});

declare module 'vitest' {
  interface Matchers<T = any> {
    toSay(expected: RegExp | string): T;
  }
  interface AsymmetricMatchersContaining {
    toSay(expected: RegExp | string): unknown;
  }
}

expect.addEqualityTesters([
  function wordsAsEnglish(a: unknown, b: unknown) {
    if (isWords(a) && typeof b === 'string') return say(a) === b;
    if (typeof a === 'string' && isWords(b)) return a === say(b);
    return undefined;
  },
]);
