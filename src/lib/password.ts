/** Password hashing: PBKDF2-SHA256 through Web Crypto, stored as pbkdf2_sha256$<iter>$<salt>$<hash>. */

/** Cloudflare Workers refuses PBKDF2 above 100,000 iterations (local workerd does not): keep it so. */
export const PBKDF2_ITERATIONS = 100_000;
const SALT_BYTES = 16;
const HASH_BYTES = 32;
const ALGORITHM = 'pbkdf2_sha256';

/**
 * NFKC, as NIST SP 800-63B asks: the same password typed on another keyboard or OS (composed or
 * decomposed accents, fullwidth forms) must still be the same password.
 */
function normalize(password: string): string {
  return password.normalize('NFKC');
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(normalize(password), salt, PBKDF2_ITERATIONS);
  return [ALGORITHM, PBKDF2_ITERATIONS, toBase64(salt), toBase64(hash)].join('$');
}

export interface Verification {
  valid: boolean;
  /** The stored hash uses older parameters and should be replaced after a successful login. */
  needsRehash: boolean;
}

export async function verifyPassword(password: string, stored: string): Promise<Verification> {
  const parsed = parse(stored);
  if (!parsed) return { valid: false, needsRehash: false };
  const matches = async (candidate: string) =>
    constantTimeEqual(await derive(candidate, parsed.salt, parsed.iterations), parsed.hash);
  if (await matches(normalize(password))) {
    return { valid: true, needsRehash: parsed.iterations !== PBKDF2_ITERATIONS };
  }
  // Hashes made before normalisation hold the password as typed: accept it, and re-hash it.
  const legacy = password !== normalize(password) && (await matches(password));
  return { valid: legacy, needsRehash: legacy };
}

/**
 * The hash of a random password nobody knows, in the current format. Fixed rather than made on
 * first use, so even the first unknown-username login costs exactly one derivation.
 */
const DUMMY_HASH =
  'pbkdf2_sha256$100000$uNJC/GfqeQ/n5C3M+LI48w==$HFZhi1ssg5ZPDsFbavx3YXm2GSYD6/tLJBD5X9iOIIY=';

/** Spends the same time as a real verification, so unknown usernames cannot be told apart. */
export async function verifyDummyPassword(password: string): Promise<void> {
  await verifyPassword(password, DUMMY_HASH);
}

/** Exactly four fields, a plain decimal count and valid base64; anything else never verifies. */
function parse(stored: string) {
  const parts = stored.split('$');
  const [algorithm, iterations, salt, hash] = parts;
  if (parts.length !== 4 || algorithm !== ALGORITHM || !iterations || !salt || !hash)
    return undefined;
  if (!/^[1-9]\d{0,8}$/.test(iterations)) return undefined;
  const count = Number(iterations);
  // A stored count above what Workers accept would make deriveBits throw in production.
  if (count > PBKDF2_ITERATIONS) return undefined;
  try {
    return { iterations: count, salt: fromBase64(salt), hash: fromBase64(hash) };
  } catch {
    return undefined; // atob throws on invalid base64: a corrupted row must not become a 500.
  }
}

async function derive(password: string, salt: Uint8Array, iterations: number) {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(password),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    HASH_BYTES * 8,
  );
  return new Uint8Array(bits);
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}
