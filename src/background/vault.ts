/**
 * Encryption at rest for the API secret: AES-256-GCM under a key derived from the user's
 * passphrase with PBKDF2-SHA256 (600,000 iterations, OWASP's 2023 figure), random salt and IV.
 * WebCrypto only, so it runs in the service worker.
 */
export const PBKDF2_ITERATIONS = 600_000;

export interface Sealed {
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  cipher: { name: 'AES-GCM'; iv: string };
  ciphertext: string;
}

const b64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function deriveKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function seal(plaintext: string, passphrase: string, iterations = PBKDF2_ITERATIONS): Promise<Sealed> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await deriveKey(passphrase, salt, iterations);
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(plaintext)));
  return {
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: b64(salt) },
    cipher: { name: 'AES-GCM', iv: b64(iv) },
    ciphertext: b64(ciphertext),
  };
}

/** The plaintext, or null when the passphrase is wrong (GCM's tag check fails). */
export async function open(sealed: Sealed, passphrase: string): Promise<string | null> {
  const key = await deriveKey(passphrase, unb64(sealed.kdf.salt), sealed.kdf.iterations);
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: unb64(sealed.cipher.iv) }, key, unb64(sealed.ciphertext));
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}
