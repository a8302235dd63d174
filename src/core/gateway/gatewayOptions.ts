// What a gateway is started with, and the defaults that make it safe without any option.
import type { ServerCommand } from './serverProcess';
import type { FaultOptions } from './faults';
import type { AuditSink } from './auditLog';
import type { ApprovalRequest } from './oauth/localOAuthProvider';
import type { ServerEras } from './probeServer';

export type GatewayAuthMode = 'token' | 'oauth' | 'none';

export interface OAuthModeOptions {
  /** Lifetime of access tokens in seconds (short on purpose so clients exercise refresh). */
  accessTokenTtlSec?: number;
  /** Scopes the gateway requires on every MCP request. */
  requiredScopes?: string[];
  /** Approve authorization requests without showing the approval page (tests, scripted clients). */
  autoApprove?: boolean;
  /**
   * Shows a pending authorization request's one-time approval code to the developer, and only to them (the
   * gateway's terminal, the editor that started it). Default: a warning in the gateway's log.
   */
  showApprovalCode?: (request: ApprovalRequest) => void;
}

export interface GatewayOptions {
  child: ServerCommand;
  /** Name shown in logs and traces (the config entry's name when there is one). */
  name?: string;
  host?: string;
  port?: number;
  /** Required to bind anything other than a loopback address. */
  allowNonLoopback?: boolean;
  auth?: GatewayAuthMode;
  /** The bearer token for `auth: 'token'`; a fresh random 256-bit one by default. */
  token?: string;
  oauth?: OAuthModeOptions;
  maxSessions?: number;
  /** Long-lived server processes shared by every 2026-07-28 (stateless) client (default 1). */
  pool?: number;
  /** What the server answered when started once before ready (see probeServer); unknown means both eras. */
  serverEras?: ServerEras;
  idleTimeoutMs?: number;
  maxRequestBodyBytes?: number;
  /** Time allowed to receive a whole request (headers and body); slower requests get 408. */
  requestTimeoutMs?: number;
  /** Time allowed to receive the request headers. */
  headersTimeoutMs?: number;
  /** Extra Origin values allowed besides the gateway's own loopback origins. */
  allowedOrigins?: string[];
  /** Extra Host header values allowed besides the gateway's own `host:port` names. */
  allowedHosts?: string[];
  auditLogPath?: string;
  /** An audit sink to use instead of (or without) a file. */
  audit?: AuditSink;
  /**
   * Keep recent events so a client can resume a dropped stream with Last-Event-ID (default true). Answers sent as
   * one JSON body cost nothing; a request answered as an SSE stream (the server sent messages first) gets a priming
   * event and its events are stored. Turn it off only when no client needs resumption.
   */
  resumable?: boolean;
  /**
   * How a 2025 session's single requests are answered: 'direct' (default) writes them straight onto the response;
   * 'sdk' hands every request to the SDK transport, to compare the two (a test compares their bytes, the bench
   * their cost).
   */
  answerPath?: 'direct' | 'sdk';
  /** Directory where each session's traffic is teed into a trace file. */
  traceDir?: string;
  faults?: FaultOptions;
  log?: (level: 'info' | 'warn' | 'error', text: string) => void;
}

export const GATEWAY_DEFAULTS = {
  host: '127.0.0.1',
  port: 0,
  auth: 'token' as GatewayAuthMode,
  maxSessions: 32,
  pool: 1,
  idleTimeoutMs: 30 * 60_000,
  maxRequestBodyBytes: 4 * 1024 * 1024,
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  accessTokenTtlSec: 300,
};

export function isLoopbackHost(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
