// Shared pieces of the gateway tests: the fixture server command, raw HTTP requests (full control over Host,
// Origin and framing, which fetch forbids), and an SDK client connected through the gateway.
import { request } from 'node:http';
import { mkdtempSync, existsSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { ServerCommand } from '../../../src/core/gateway/serverProcess';
import { startGateway, type Gateway } from '../../../src/core/gateway/gateway';

export const FIXTURE = join(__dirname, 'fixtures', 'fixtureServer.mjs');

export interface Scratch {
  dir: string;
  receivedLog: string;
  child: ServerCommand;
  /** Bytes the fixture server has received on stdin so far (0 if it never started). */
  received(): number;
  dispose(): void;
}

export function scratch(): Scratch {
  const dir = mkdtempSync(join(tmpdir(), 'mcpwb-gw-'));
  const receivedLog = join(dir, 'received.log');
  return {
    dir,
    receivedLog,
    child: { command: process.execPath, args: [FIXTURE], env: { FIXTURE_RECEIVED_LOG: receivedLog } },
    received: () => (existsSync(receivedLog) ? statSync(receivedLog).size : 0),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Mocha hooks for suites that start one gateway per test over the fixture server: a fresh scratch folder and log
 * per test, the gateway closed and the folder removed after it. `start` takes overrides of the gateway options.
 */
export function useGatewayPerTest(): {
  start(extra?: Partial<Parameters<typeof startGateway>[0]>): Promise<Gateway>;
  scratch(): Scratch;
  logs: string[];
} {
  let s: Scratch;
  let gw: Gateway | undefined;
  const logs: string[] = [];
  beforeEach(() => {
    s = scratch();
    logs.length = 0;
  });
  afterEach(async () => {
    await gw?.close();
    gw = undefined;
    s.dispose();
  });
  return {
    start: async (extra = {}) => (gw = await startGateway({ child: s.child, log: (level, t) => logs.push(`${level}: ${t}`), ...extra })),
    scratch: () => s,
    logs,
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface RawRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the body in chunks with no Content-Length. */
  chunked?: boolean;
  /** Stop after the headers and this much body, then wait (slow-body attacks). */
  stallAfter?: number;
  timeoutMs?: number;
  /** Resolve as soon as the status line arrives and drop the connection (SSE streams stay open otherwise). */
  headersOnly?: boolean;
}

/** One HTTP request; resolves with the status, headers and body (SSE bodies end when the server ends them). */
export function raw(gw: Gateway, r: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host: `127.0.0.1:${gw.port}`, ...r.headers };
    const body = r.body === undefined ? undefined : Buffer.isBuffer(r.body) ? r.body : Buffer.from(r.body);
    if (body && !r.chunked && r.stallAfter === undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')) headers['content-length'] = String(body.length);
    const req = request({ host: '127.0.0.1', port: gw.port, method: r.method ?? 'POST', path: r.path ?? '/mcp', headers, setHost: false, agent: false }, (res) => {
      if (r.headersOnly) {
        resolve({ status: res.statusCode!, headers: res.headers, body: '' });
        res.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(r.timeoutMs ?? 10_000, () => req.destroy(new Error('client-side timeout')));
    req.on('error', reject);
    if (body && r.stallAfter !== undefined) {
      req.write(body.subarray(0, r.stallAfter));
      return; // never finish: the server must give up on us
    }
    if (body && r.chunked) {
      for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.subarray(i, i + 64 * 1024));
      req.end();
      return;
    }
    req.end(body);
  });
}

export const MCP_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

export function initializeBody(id: number | string = 1): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    id,
    method: 'initialize',
    params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'attacker', version: '0' } },
  });
}

export function bearer(gw: Gateway): Record<string, string> {
  return gw.token ? { authorization: `Bearer ${gw.token}` } : {};
}

/** A real initialized session made with raw requests; returns its id. */
export async function rawSession(gw: Gateway, extraHeaders: Record<string, string> = bearer(gw)): Promise<string> {
  const res = await raw(gw, { headers: { ...MCP_HEADERS, ...extraHeaders }, body: initializeBody() });
  if (res.status !== 200) throw new Error(`initialize failed: ${res.status} ${res.body}`);
  const sid = res.headers['mcp-session-id'] as string;
  const notified = await raw(gw, {
    headers: { ...MCP_HEADERS, ...extraHeaders, 'mcp-session-id': sid, 'mcp-protocol-version': '2025-11-25' },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
  });
  if (notified.status !== 202) throw new Error(`initialized notification failed: ${notified.status}`);
  // A ping answered means the server process has read everything sent before it.
  const pong = await raw(gw, {
    headers: { ...MCP_HEADERS, ...extraHeaders, 'mcp-session-id': sid, 'mcp-protocol-version': '2025-11-25' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 'ready', method: 'ping' }),
  });
  if (pong.status !== 200 || !pong.body.includes('"result"')) throw new Error(`ping failed: ${pong.status} ${pong.body}`);
  return sid;
}

export async function connectClient(gw: Gateway, headers: Record<string, string> = bearer(gw), client?: Client): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  const c = client ?? new Client({ name: 'gateway-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(gw.url), { requestInit: { headers } });
  await c.connect(transport);
  return { client: c, transport };
}

/** Whether a pid is alive: the shared check, under the name the gateway tests use. */
export { alive as processAlive } from '../processChecks';

export async function waitFor(cond: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
