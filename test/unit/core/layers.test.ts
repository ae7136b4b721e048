/**
 * Dependencies point inward: views → shared; background → binance → core; core imports only its
 * decimal library (purity.test.ts). A module that reaches the wrong way fails here by name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../../src');
const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [join(dir, d.name)] : []));
const layerOf = (path: string): string => relative(SRC, path).split('/')[0]!;

/** What each layer may import from, besides itself and npm packages. */
const ALLOWED: Record<string, string[]> = {
  core: [],
  binance: ['core'],
  background: ['core', 'binance', 'shared'],
  // Binance's vocabulary (environments, key types) and the core's types and pure formatting.
  shared: ['core', 'binance'],
  content: ['shared'],
  popup: ['shared'],
  sidepanel: ['shared'],
  options: ['shared'],
};

describe('layers', () => {
  const edges = files(SRC).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*from\s+['"](\.[^'"]+)['"]/g)].map((m) => ({
      from: relative(SRC, file),
      layer: layerOf(file),
      to: layerOf(resolve(file, '..', m[1]!)),
    })),
  );

  it('every layer is known', () => {
    expect([...new Set(edges.map((e) => e.layer))].filter((l) => !(l in ALLOWED))).toEqual([]);
  });

  it('no module imports outward', () => {
    const wrong = edges.filter((e) => e.to !== e.layer && !ALLOWED[e.layer]!.includes(e.to)).map((e) => `${e.from} → ${e.to}`);
    expect(wrong).toEqual([]);
  });

  it('shared takes only vocabulary from binance, nothing that talks to Binance', () => {
    const fromBinance = edges.filter((e) => e.layer === 'shared' && e.to === 'binance');
    const text = (f: string) => readFileSync(join(SRC, f), 'utf8');
    for (const e of fromBinance) expect(text(e.from)).not.toMatch(/from '\.\.\/binance\/(client|futures-exchange|socket|user-stream|mark-stream|schemas)'/);
  });
});
