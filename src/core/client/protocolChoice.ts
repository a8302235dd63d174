// Which protocol era a session speaks: `auto` probes with server/discover and falls back to the 2025 handshake,
// `2025-11-25` (or `2025`) runs only the 2025 handshake, a 2026 revision pins the stateless era.
import type { VersionNegotiationMode } from '@modelcontextprotocol/client';

export type ProtocolEra = '2025' | '2026';
export type ProtocolChoice = 'auto' | '2025' | '2025-11-25' | '2026-07-28';

export const PROTOCOL_CHOICES: readonly ProtocolChoice[] = ['auto', '2025-11-25', '2026-07-28'];

export function isProtocolChoice(v: string): v is ProtocolChoice {
  return v === '2025' || (PROTOCOL_CHOICES as readonly string[]).includes(v);
}

export function negotiationMode(choice: ProtocolChoice): VersionNegotiationMode {
  if (choice === 'auto') return 'auto';
  if (choice === '2025' || choice === '2025-11-25') return 'legacy';
  return { pin: choice };
}

/** The era of a negotiated protocol version: every revision before 2026 used the initialize handshake. */
export function eraOf(protocolVersion: string | undefined): ProtocolEra {
  return protocolVersion !== undefined && protocolVersion >= '2026' ? '2026' : '2025';
}
