/**
 * Signed-request checks as Binance documents them: X-MBX-APIKEY names the key; `signature` is
 * HMAC-SHA256 (hex) of the query string followed by the body, or an Ed25519 signature (base64);
 * accepted when timestamp < serverTime + 1000 and serverTime − timestamp ≤ recvWindow.
 */
import { createHmac, createPublicKey, timingSafeEqual, verify } from 'node:crypto';
import type { Account } from './account';
import { E } from './errors';

export type Permission = 'reading' | 'futures' | 'transfer';

export function hmacHex(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

/**
 * The signed payload: the query string then the body, each without `signature`, which Binance
 * takes from either place (its docs' third example signs a mixed query string and body).
 */
export function signedPayload(rawQuery: string, body: string): { payload: string; signature: string | null } {
  let signature: string | null = null;
  const strip = (text: string): string => {
    const parts = text ? text.split('&') : [];
    const sig = parts.find((p) => p.startsWith('signature='));
    if (sig) signature = decodeURIComponent(sig.slice('signature='.length));
    return parts.filter((p) => !p.startsWith('signature=')).join('&');
  };
  const query = strip(rawQuery);
  const rest = strip(body);
  return { payload: query + rest, signature };
}

export function authenticate(
  accounts: Map<string, Account>,
  apiKey: string | undefined,
  rawQuery: string,
  body: string,
  params: Record<string, string>,
  serverTime: number,
  need: Permission,
): Account {
  if (!apiKey) throw E.keyFormat();
  if (!/^[A-Za-z0-9]{16,128}$/.test(apiKey)) throw E.keyFormat();
  const account = accounts.get(apiKey);
  if (!account) throw E.keyPerm();
  const ts = Number(params.timestamp);
  if (!params.timestamp || !Number.isFinite(ts)) throw E.mandatory('timestamp');
  const recvWindow = params.recvWindow ? Number(params.recvWindow) : 5000;
  if (!(recvWindow > 0 && recvWindow <= 60_000)) throw E.mandatory('recvWindow');
  if (ts >= serverTime + 1000 || serverTime - ts > recvWindow) throw E.timestamp();
  const { payload, signature } = signedPayload(rawQuery, body);
  if (!signature) throw E.mandatory('signature');
  if (!validSignature(account, payload, signature)) throw E.signature();
  const p = account.permissions;
  const allowed = need === 'reading' ? p.enableReading : need === 'futures' ? p.enableFutures && !p.enablePortfolioMarginTrading : p.permitsUniversalTransfer;
  if (!allowed) throw E.keyPerm();
  return account;
}

export function validSignature(account: Account, payload: string, signature: string): boolean {
  if (account.apiSecret) {
    const expected = Buffer.from(hmacHex(account.apiSecret, payload));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
  if (account.publicKeyPem) {
    try {
      return verify(null, Buffer.from(payload), createPublicKey(account.publicKeyPem), Buffer.from(signature, 'base64'));
    } catch {
      return false;
    }
  }
  return false;
}
