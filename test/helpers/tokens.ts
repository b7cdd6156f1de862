/** Tokens made by hand (forged, expired, unsigned), and reading the ones the app issues. */
import { env } from 'cloudflare:workers';
import { sign } from 'hono/jwt';

/** The JWT_SECRET binding the Worker under test signs with. */
export function testSecret(): string {
  const secret = env.JWT_SECRET;
  if (!secret) throw new Error('the test Worker has no JWT_SECRET binding');
  return secret;
}

export const WRONG_SECRET = 'not-the-secret-but-also-at-least-32-bytes';

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Claims like the app's own: sub = user id, token version 0 (a fresh account's), 30 minutes. */
export function claims(userId: number, overrides: Record<string, unknown> = {}) {
  const iat = nowSeconds();
  return { sub: String(userId), ver: 0, iat, exp: iat + 1800, ...overrides };
}

export function signToken(
  payload: Record<string, unknown>,
  options: { secret?: string; alg?: 'HS256' | 'HS384' | 'HS512' } = {},
): Promise<string> {
  return sign(payload, options.secret ?? testSecret(), options.alg ?? 'HS256');
}

export function base64UrlJson(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

export function decodeTokenPart(token: string, index: 0 | 1): Record<string, unknown> {
  const part = token.split('.')[index] ?? '';
  const base64 = part.replaceAll('-', '+').replaceAll('_', '/');
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

/** The same token with its payload replaced and its (now wrong) signature kept. */
export function withPayload(token: string, payload: Record<string, unknown>): string {
  const [header, , signature] = token.split('.');
  return `${header}.${base64UrlJson(payload)}.${signature}`;
}
