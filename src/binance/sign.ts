/**
 * Request signatures with WebCrypto (runs in the service worker): HMAC-SHA256 as hex, Ed25519
 * and RSA (PKCS#1 v1.5, SHA-256) as base64, URL-encoded in a query string as Binance requires.
 */
/** The key types Binance accepts, as its API Management names them. */
export const KEY_TYPES = ['HMAC', 'ED25519', 'RSA'] as const;
export type KeyType = (typeof KEY_TYPES)[number];

/** A usable key: never leaves the service worker. */
export interface ApiKey {
  apiKey: string;
  type: KeyType;
  /** HMAC secret, or the PKCS#8 PEM private key for Ed25519/RSA. */
  secret: string;
}

const enc = new TextEncoder();

function pemToDer(pem: string): Uint8Array<ArrayBuffer> {
  const body = pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, '');
  const bin = atob(body);
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

const toHex = (buf: ArrayBuffer): string => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
const toBase64 = (buf: ArrayBuffer): string => btoa(String.fromCharCode(...new Uint8Array(buf)));

/** Imported keys are cached per key and secret (a corrected secret must not sign with the old one): importing costs more than signing. */
const imported = new Map<string, Promise<CryptoKey>>();

function importKey(key: ApiKey): Promise<CryptoKey> {
  const cacheKey = `${key.type}:${key.apiKey}:${key.secret}`;
  let k = imported.get(cacheKey);
  if (!k) {
    k =
      key.type === 'HMAC'
        ? crypto.subtle.importKey('raw', enc.encode(key.secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
        : crypto.subtle.importKey(
            'pkcs8',
            pemToDer(key.secret),
            key.type === 'ED25519' ? { name: 'Ed25519' } : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
            false,
            ['sign'],
          );
    k.catch(() => imported.delete(cacheKey));
    imported.set(cacheKey, k);
  }
  return k;
}

/** The signature of `payload`: hex for HMAC, base64 for Ed25519 and RSA (as a WebSocket API request carries it). */
export async function signature(key: ApiKey, payload: string): Promise<string> {
  const cryptoKey = await importKey(key);
  const algorithm = key.type === 'HMAC' ? 'HMAC' : key.type === 'ED25519' ? 'Ed25519' : 'RSASSA-PKCS1-v1_5';
  const sig = await crypto.subtle.sign(algorithm, cryptoKey, enc.encode(payload));
  return key.type === 'HMAC' ? toHex(sig) : toBase64(sig);
}

/** The `signature` parameter's value for `payload` (the query string): base64 URL-encoded, as Binance requires. */
export const sign = async (key: ApiKey, payload: string): Promise<string> => encodeURIComponent(await signature(key, payload));

/** Drops cached imported keys (on lock or forget). */
export const forgetImportedKeys = (): void => imported.clear();
