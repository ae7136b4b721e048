/**
 * Every language says everything English says, with the same placeholders; every message id the
 * code uses exists and every message is used; the store's limits hold in every language.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPLAINED } from '../../../src/binance/errors';

type Message = { message: string; description?: string; placeholders?: Record<string, { content: string; example?: string }> };
const ROOT = resolve(import.meta.dirname, '../../..');
const LOCALES = join(ROOT, 'public/_locales');
const read = (lang: string) => JSON.parse(readFileSync(join(LOCALES, lang, 'messages.json'), 'utf8')) as Record<string, Message>;
const languages = readdirSync(LOCALES).sort();
const en = read('en');
const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [join(dir, d.name)] : []));
const source = files(join(ROOT, 'src')).map((f) => readFileSync(f, 'utf8')).join('\n');

/** The $NAME$s a message uses, and the placeholders it declares with their $n. */
const used = (m: Message) => [...new Set([...m.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((x) => x[1]!.toLowerCase()))].sort();
const declared = (m: Message) => Object.fromEntries(Object.entries(m.placeholders ?? {}).map(([k, p]) => [k.toLowerCase(), p.content]));

describe('languages', () => {
  it('ships English, Simplified Chinese, Spanish, Russian, Turkish and Vietnamese', () => {
    expect(languages).toEqual(expect.arrayContaining(['en', 'es', 'ru', 'tr', 'vi', 'zh_CN']));
  });

  it.each(languages)('%s has every key of English and no other', (lang) => {
    const keys = Object.keys(read(lang)).sort();
    expect({ missing: Object.keys(en).filter((k) => !keys.includes(k)), extra: keys.filter((k) => !(k in en)) }).toEqual({ missing: [], extra: [] });
  });

  it.each(languages)('%s: every message uses the placeholders English declares, each as English fills it', (lang) => {
    const wrong = Object.entries(read(lang)).flatMap(([id, m]) => {
      const e = en[id];
      if (!e) return [];
      const problems: string[] = [];
      if (!m.message.trim()) problems.push(`${id}: empty`);
      if (JSON.stringify(declared(m)) !== JSON.stringify(declared(e))) problems.push(`${id}: placeholders ${JSON.stringify(declared(m))} ≠ ${JSON.stringify(declared(e))}`);
      if (used(m).join() !== Object.keys(declared(e)).sort().join()) problems.push(`${id}: uses ${used(m).join() || 'none'}, declares ${Object.keys(declared(e)).sort().join() || 'none'}`);
      return problems;
    });
    expect(wrong).toEqual([]);
  });

  it.each(languages.filter((l) => l !== 'en'))('%s is translated, not English copied', (lang) => {
    const same = Object.entries(read(lang)).filter(([id, m]) => m.message === en[id]?.message && /[a-z]{3}/.test(m.message)).map(([id]) => id);
    // A few may rightly read the same (a symbol, "USDⓈ-M"); most must not.
    expect(same.length, same.join(', ')).toBeLessThan(Object.keys(en).length * 0.05);
  });

  it.each(languages)('%s fits the Chrome Web Store: name ≤ 75, short name ≤ 12, description ≤ 132 characters', (lang) => {
    const m = read(lang);
    expect([...m.extName!.message].length).toBeLessThanOrEqual(75);
    expect([...m.extShortName!.message].length).toBeLessThanOrEqual(12);
    expect([...m.extDescription!.message].length).toBeLessThanOrEqual(132);
  });
});

describe('message ids in the code', () => {
  const literal = [...source.matchAll(/\b(?:t|words)\(\s*'([A-Za-z0-9_]+)'/g)].map((m) => m[1]!);
  // Ids built from parts (`funding${side}${verb}`): each pattern must name at least one message.
  const patterns = [...source.matchAll(/\b(?:t|words)\(\s*`([^`]+)`/g)].map((m) => new RegExp(`^${m[1]!.replace(/\$\{[^}]+\}/g, '\\w*')}$`));

  it('every id the code names is an English message', () => {
    const dynamic = [...EXPLAINED].flatMap((code) => [`errBinance${-code}`, `errBinance${-code}Do`]);
    expect([...literal, ...dynamic].filter((id) => !(id in en))).toEqual([]);
    expect(patterns.filter((p) => !Object.keys(en).some((k) => p.test(k))).map(String)).toEqual([]);
  });

  it('every English message is used by the code', () => {
    const quoted = new Set([...source.matchAll(/'([A-Za-z0-9_]+)'/g)].map((m) => m[1]!));
    const unused = Object.keys(en).filter((k) => !k.startsWith('ext') && !quoted.has(k) && !patterns.some((p) => p.test(k)));
    expect(unused).toEqual([]);
  });
});
