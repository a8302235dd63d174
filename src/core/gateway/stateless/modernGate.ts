// What a 2026-07-28 request must pass at the gateway, because a stdio server never sees HTTP: the revision it names
// must be one the server speaks, and the SEP-2243 standard headers (MCP-Protocol-Version, Mcp-Method, Mcp-Name) must
// be present and agree with the body. The SDK runs the header rung inside createMcpHandler without exporting it, so
// it is mirrored here; test/unit/gateway/gatewayModernGate.test.ts compares every case with the SDK's own handler.
import { ProtocolErrorCode, UnsupportedProtocolVersionError } from '@modelcontextprotocol/server';
import type { JSONRPCNotification, JSONRPCRequest } from '@modelcontextprotocol/server';

/** SEP-2243 HeaderMismatch. */
export const HEADER_MISMATCH = -32020;

export interface GateRejection {
  httpStatus: number;
  code: number;
  message: string;
  data?: unknown;
}

export interface ModernHeaders {
  protocolVersion?: string;
  method?: string;
  name?: string;
}

/** Which body field Mcp-Name mirrors, per method (SEP-2243 core rows, SEP-2663 task rows). */
const NAME_SOURCE: Record<string, string> = {
  'tools/call': 'name',
  'prompts/get': 'name',
  'resources/read': 'uri',
  'tasks/get': 'taskId',
  'tasks/update': 'taskId',
  'tasks/cancel': 'taskId',
};
const BASE64_PREFIX = '=?base64?';
const BASE64_SUFFIX = '?=';
const BASE64_CANONICAL = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Notifications are checked for their revision only (the header table reads "all requests"). */
export function checkModernRequest(
  msg: JSONRPCRequest | JSONRPCNotification,
  revision: string | undefined,
  headers: ModernHeaders,
  supported: string[],
  notification = false,
): GateRejection | undefined {
  if (revision === undefined || !supported.includes(revision)) {
    const e = new UnsupportedProtocolVersionError({ supported, requested: revision ?? 'unknown' });
    return { httpStatus: 400, code: e.code, message: e.message, data: e.data };
  }
  if (notification) return undefined;
  if (headers.protocolVersion === undefined) {
    return mismatch('(missing)', `the body envelope names protocol version ${revision} but the required MCP-Protocol-Version header is absent`);
  }
  if (headers.method === undefined) return mismatch('(missing)', `the body names method ${msg.method} but the required Mcp-Method header is absent`);
  const field = Object.hasOwn(NAME_SOURCE, msg.method) ? NAME_SOURCE[msg.method] : undefined;
  if (field === undefined) return undefined;
  const params = (msg as JSONRPCRequest).params as Record<string, unknown> | undefined;
  const bodyValue = typeof params?.[field] === 'string' ? (params[field] as string) : undefined;
  if (headers.name === undefined) {
    return bodyValue === undefined ? undefined : mismatch('(missing)', `the body carries params.${field}="${bodyValue}" but the required Mcp-Name header is absent`);
  }
  const header = headers.name.replace(/^[ \t]+|[ \t]+$/g, '');
  const decoded = decodeSentinel(header);
  if (decoded === undefined) return mismatch(header, 'the Mcp-Name header carries an invalid Base64 sentinel value');
  if (bodyValue !== undefined && decoded !== bodyValue) return mismatch(header, `the body carries params.${field}="${bodyValue}" but the Mcp-Name header names "${decoded}"`);
  return undefined;
}

/**
 * The HTTP status for a server's JSON-RPC error on a 2026-07-28 exchange. The SDK answers the errors of its request
 * ladder (unknown or removed method, unsupported version, missing client capability) with 404/400 and handler
 * errors with 200; a gateway sees only the code, so these codes are taken as the server's ladder answers.
 */
export function httpStatusOfServerError(code: number): number {
  if (code === ProtocolErrorCode.MethodNotFound) return 404;
  if (
    code === ProtocolErrorCode.UnsupportedProtocolVersion ||
    code === ProtocolErrorCode.MissingRequiredClientCapability ||
    code === ProtocolErrorCode.InvalidRequest ||
    code === ProtocolErrorCode.ParseError
  ) {
    return 400;
  }
  return 200;
}

export function mismatch(header: string, body: string): GateRejection {
  return { httpStatus: 400, code: HEADER_MISMATCH, message: `Bad Request: the request headers and body disagree: ${body}`, data: { mismatch: { header, body } } };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A header value as the client meant it: the Base64 sentinel decoded; undefined when the sentinel is not valid. */
export function decodeSentinel(value: string): string | undefined {
  if (!(value.startsWith(BASE64_PREFIX) && value.endsWith(BASE64_SUFFIX))) return value;
  const b64 = value.slice(BASE64_PREFIX.length, value.length - BASE64_SUFFIX.length);
  if (!BASE64_CANONICAL.test(b64)) return undefined;
  try {
    return UTF8.decode(Buffer.from(b64, 'base64'));
  } catch {
    return undefined; // not UTF-8
  }
}
