/**
 * The shape of a JSON value: which fields, with which JSON types, all the way down. Two replies
 * conform when their shapes match field by field. Arrays are compared by the union of their
 * elements' shapes; a documented `null` stands for "any type" (Binance writes null where a field
 * does not apply).
 */
export type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';

export const typeOf = (x: unknown): JsonType => (x === null ? 'null' : Array.isArray(x) ? 'array' : (typeof x as JsonType));

/** Every path in `value` with its type: `symbols[].filters[].tickSize` → 'string'. */
export function shape(value: unknown, path = '', out = new Map<string, Set<JsonType>>()): Map<string, Set<JsonType>> {
  const add = (p: string, t: JsonType): void => void (out.get(p) ?? out.set(p, new Set()).get(p)!).add(t);
  add(path || '.', typeOf(value));
  if (Array.isArray(value)) for (const item of value) shape(item, `${path}[]`, out);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) shape(v, path ? `${path}.${k}` : k, out);
  return out;
}

export interface Difference {
  path: string;
  problem: string;
}

/** Where `actual` (the simulator's reply) differs from `documented`; `allowed` paths are skipped (each with a reason at the call site). */
export function compareShapes(documented: unknown, actual: unknown, allowed: Record<string, string> = {}): Difference[] {
  const doc = shape(documented);
  const got = shape(actual);
  const out: Difference[] = [];
  const skip = (p: string): boolean => Object.keys(allowed).some((a) => p === a || p.startsWith(`${a}.`) || p.startsWith(`${a}[]`));
  for (const [path, types] of doc) {
    if (skip(path)) continue;
    const mine = got.get(path);
    if (!mine) {
      // An element path under an array the simulator sent empty says nothing either way.
      if (!emptyArrayAbove(path, got)) out.push({ path, problem: 'documented, missing from the simulator' });
      continue;
    }
    const documentedTypes = [...types].filter((t) => t !== 'null');
    const wrong = [...mine].filter((t) => t !== 'null' && documentedTypes.length > 0 && !documentedTypes.includes(t));
    if (wrong.length) out.push({ path, problem: `documented as ${documentedTypes.join('|')}, simulator sends ${wrong.join('|')}` });
  }
  for (const path of got.keys()) {
    if (!doc.has(path) && !skip(path) && !emptyArrayAbove(path, doc)) out.push({ path, problem: 'sent by the simulator, not documented' });
  }
  return out;
}

/** True when an ancestor array of `path` exists in `s` but has no elements. */
function emptyArrayAbove(path: string, s: Map<string, Set<JsonType>>): boolean {
  for (let i = path.lastIndexOf('[]'); i >= 0; i = i > 0 ? path.lastIndexOf('[]', i - 1) : -1) {
    const parent = path.slice(0, i) || '.';
    if (s.has(parent) && !s.has(path.slice(0, i + 2))) return true;
  }
  return false;
}
