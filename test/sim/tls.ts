/**
 * A self-signed certificate made at start, for the simulator's TLS listener: Chromium reaches it
 * as wss://fstream.binance.com and wss://ws-api.binance.com through --host-resolver-rules (tests
 * and `npm start` only; the shipped manifest and host names stay as they are). Made with the
 * openssl command (Debian's openssl package), never committed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The Binance hosts the simulator answers for over TLS. */
export const TLS_HOSTS = ['fstream.binance.com', 'ws-api.binance.com', 'fapi.binance.com', 'api.binance.com'];

export function selfSignedCertificate(hosts: string[] = TLS_HOSTS): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sim-tls-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    try {
      execFileSync(
        'openssl',
        ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${hosts[0]}`, '-addext', `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}`, '-keyout', key, '-out', cert],
        { stdio: 'ignore' },
      );
    } catch {
      throw new Error('The simulator needs the openssl command for its TLS listener: `sudo apt-get install -y openssl`.');
    }
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
