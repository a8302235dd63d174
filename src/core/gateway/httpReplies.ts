// Small helpers for the answers the gateway gives itself (before a request reaches the MCP transport).
import type { ServerResponse } from 'node:http';

export function replyJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', ...headers });
  res.end(text);
}

/** A JSON-RPC error with no id: what Streamable HTTP clients expect in the body of a refused request. */
export function replyRpcError(res: ServerResponse, status: number, code: number, message: string, headers: Record<string, string> = {}): void {
  replyJson(res, status, { jsonrpc: '2.0', error: { code, message }, id: null }, headers);
}
