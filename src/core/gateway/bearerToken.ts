// The per-launch bearer token: 256 random bits, compared in constant time, identified in logs by a hash prefix.
import * as crypto from 'node:crypto';
import { randomBytes, createHash, timingSafeEqual } from 'node:crypto';

export function newBearerToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A stable, non-reversible name for a token, for audit logs: equal tokens give equal ids. */
export function tokenId(token: string): string {
  return 'tok_' + createHash('sha256').update(token).digest('hex').slice(0, 12);
}

/**
 * Compares two secrets without leaking where they differ. Both sides are hashed first so that the comparison
 * takes the same time whatever the length of the presented value.
 */
export function secretsEqual(presented: string, expected: string): boolean {
  return matchesDigest(presented, secretDigest(expected));
}

/** The digest a secret is compared against; computed once per gateway rather than once per request. */
export function secretDigest(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

export function matchesDigest(presented: string, expectedDigest: Buffer): boolean {
  return timingSafeEqual(sha256(presented), expectedDigest);
}

/** The one-shot crypto.hash (Node 20.12+) skips the Hash object a per-request check would otherwise allocate. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'buffer') => Buffer }).hash;
function sha256(text: string): Buffer {
  return oneShot ? oneShot('sha256', text, 'buffer') : createHash('sha256').update(text).digest();
}

/** The token from an `Authorization: Bearer X` header, or undefined when absent or malformed. */
export function bearerFromHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer[ ]+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(header);
  return m ? m[1] : undefined;
}
