// The one-time approval code of an OAuth authorization request: shown only where the developer is (the gateway's
// terminal, or the editor that started it) and typed into the approval page. Eight characters from an alphabet
// without look-alikes (40 bits); three wrong tries cancel the request, so guessing is hopeless.
import { randomInt, timingSafeEqual } from 'node:crypto';

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export function newApprovalCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Compares what was typed (any case, with or without the dash and spaces) in constant time. */
export function sameApprovalCode(typed: string, expected: string): boolean {
  const a = Buffer.from(typed.toUpperCase().replace(/[\s-]/g, ''));
  const b = Buffer.from(expected.replace('-', ''));
  return a.length === b.length && timingSafeEqual(a, b);
}
