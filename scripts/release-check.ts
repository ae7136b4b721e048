/**
 * What may ship in the store zip: the built extension and nothing else. Every file the manifest
 * names is there; the version is package.json's; every `__MSG_…__` resolves in every language; no
 * source map, source file, test fixture or dotfile; no file that points at a local host (the
 * simulator), the simulator's control routes, a source map or a private key.
 */
import { strFromU8, unzipSync } from 'fflate';

const ALLOWED = /\.(js|css|html|json|png|svg|woff2)$/;
const FORBIDDEN_PATH = /(^|\/)(\.|node_modules\/|test\/|fixtures?\/|src\/.*\.tsx?$)|\.map$/;
const FORBIDDEN_TEXT: [RegExp, string][] = [
  [/localhost|127\.0\.0\.1|\[::1\]/, 'a local host'],
  [/\/__sim\//, "the simulator's control routes"],
  [/sourceMappingURL/, 'a source map reference'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
];

type Manifest = {
  version: string;
  default_locale?: string;
  icons?: Record<string, string>;
  action?: { default_popup?: string; default_icon?: Record<string, string> };
  side_panel?: { default_path?: string };
  options_ui?: { page?: string };
  background?: { service_worker?: string };
  content_scripts?: { js?: string[]; css?: string[] }[];
};

/** The files a manifest names. */
function named(m: Manifest): string[] {
  return [
    ...Object.values(m.icons ?? {}),
    ...Object.values(m.action?.default_icon ?? {}),
    m.action?.default_popup,
    m.side_panel?.default_path,
    m.options_ui?.page,
    m.background?.service_worker,
    ...(m.content_scripts ?? []).flatMap((c) => [...(c.js ?? []), ...(c.css ?? [])]),
  ].filter((f): f is string => Boolean(f));
}

/** The problems with a store zip, in words; none means it may ship. */
export function checkRelease(zip: Uint8Array, version: string): string[] {
  const files = unzipSync(zip);
  const paths = Object.keys(files).filter((p) => !p.endsWith('/'));
  const problems: string[] = [];
  const text = (p: string) => strFromU8(files[p]!);

  if (!files['manifest.json']) return ['no manifest.json at the top of the zip'];
  const manifest = JSON.parse(text('manifest.json')) as Manifest;
  if (manifest.version !== version) problems.push(`manifest version ${manifest.version} is not package.json's ${version}`);
  for (const f of named(manifest)) if (!files[f]) problems.push(`the manifest names ${f}, which is not in the zip`);

  const locales = [...new Set(paths.map((p) => /^_locales\/([^/]+)\/messages\.json$/.exec(p)?.[1]).filter((l): l is string => Boolean(l)))];
  if (!manifest.default_locale || !locales.includes(manifest.default_locale)) problems.push(`default_locale ${manifest.default_locale} has no messages`);
  for (const [, id] of text('manifest.json').matchAll(/__MSG_(\w+)__/g)) {
    for (const l of locales) if (!(JSON.parse(text(`_locales/${l}/messages.json`)) as Record<string, unknown>)[id!]) problems.push(`${l} lacks ${id}, which the manifest uses`);
  }

  for (const p of paths) {
    if (FORBIDDEN_PATH.test(p)) problems.push(`${p} must not ship`);
    else if (!ALLOWED.test(p)) problems.push(`${p} is not a file type the extension uses`);
    else if (!p.endsWith('.png')) for (const [pattern, what] of FORBIDDEN_TEXT) if (pattern.test(text(p))) problems.push(`${p} holds ${what}`);
  }
  return problems;
}
