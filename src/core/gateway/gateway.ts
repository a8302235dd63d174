// The gateway: serves one stdio MCP server as authenticated Streamable HTTP. Every request passes the request
// guard (Host, Origin, no credentials in the query), then authentication, then reaches its session. Each session
// owns one child process; sessions are bounded in number and end when deleted, idle or when their child dies.
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { GatewaySession, SessionContext } from './gatewaySession';
import { GatewayOptions, GATEWAY_DEFAULTS, GatewayAuthMode, isLoopbackHost } from './gatewayOptions';
import { checkRequest, loopbackHostPolicy, HostPolicy, Rejection } from './requestGuard';
import { bearerFromHeader, newBearerToken, matchesDigest, secretDigest, tokenId } from './bearerToken';
import { GatewayMetrics, MethodSummary } from './metrics';
import { AuditSink, FileAuditLog } from './auditLog';
import { replyJson, replyRpcError } from './httpReplies';
import { openSessionTrace } from './sessionTrace';
import { createOAuthFront, OAuthFront } from './oauth/oauthFront';
import type { ApprovalRequest } from './oauth/localOAuthProvider';
import { readBody } from './requestBody';
import { checkOpening } from './openingCheck';
import { SUPPORTED_PROTOCOL_VERSIONS, classifyInboundRequest, isJsonContentType } from '@modelcontextprotocol/server';
import { StatelessRequests } from './stateless/statelessRequests';
import { checkModernRequest } from './stateless/modernGate';
import { MODERN_REVISION, type ServerEras } from './probeServer';

export interface GatewayStats {
  sessions: number;
  requests: number;
  rejected: number;
  uptimeMs: number;
  childPids: number[];
  methods: MethodSummary[];
}

/** The protocol eras on each side of the gateway, as `serve --json` and the Gateways view show them. */
export interface GatewayEras {
  /** Protocol versions clients may speak to the gateway. */
  accepted: string[];
  /** What the server speaks, when it was asked (undefined with --lazy). */
  server: ServerEras | undefined;
  /** True when one era's clients reach a server that speaks only the other era, through the era bridge. */
  bridged: boolean;
}

export interface Gateway {
  readonly eras: GatewayEras;
  /** The MCP endpoint, e.g. http://127.0.0.1:PORT/mcp. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly authMode: GatewayAuthMode;
  /** The bearer token in token mode; undefined in oauth and none modes. */
  readonly token: string | undefined;
  readonly tokenId: string | undefined;
  readonly metrics: GatewayMetrics;
  stats(): GatewayStats;
  /** Stops accepting requests, ends every session and stops every child process tree. */
  close(): Promise<void>;
}

export interface AuthResult {
  tokenId: string;
}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const host = options.host ?? GATEWAY_DEFAULTS.host;
  if (!isLoopbackHost(host) && !options.allowNonLoopback) {
    throw new Error(`Refusing to bind ${host}: it is not a loopback address; pass --allow-remote to expose the gateway beyond this machine.`);
  }
  const authMode = options.auth ?? GATEWAY_DEFAULTS.auth;
  const token = authMode === 'token' ? (options.token ?? newBearerToken()) : undefined;
  const tid = token ? tokenId(token) : undefined;
  const tokenDigest = token ? secretDigest(token) : undefined;
  const maxSessions = options.maxSessions ?? GATEWAY_DEFAULTS.maxSessions;
  const idleTimeoutMs = options.idleTimeoutMs ?? GATEWAY_DEFAULTS.idleTimeoutMs;
  const maxBody = options.maxRequestBodyBytes ?? GATEWAY_DEFAULTS.maxRequestBodyBytes;
  const faults = options.faults ?? {};
  const log = options.log ?? (() => {});
  const metrics = new GatewayMetrics();
  const audit: AuditSink | undefined = options.audit ?? (options.auditLogPath ? new FileAuditLog(options.auditLogPath) : undefined);
  const sessions = new Map<string, GatewaySession>();
  const serverEras = options.serverEras;
  // A server that answered only the 2025 handshake is served to 2026-07-28 clients through the era bridge.
  const bridge = serverEras?.legacy && !serverEras.modern?.length ? { legacyVersion: serverEras.legacy } : undefined;
  // The revisions 2026-07-28 clients may name: what the server's discover listed, or (bridged, or not asked) ours.
  const modernVersions = serverEras?.modern?.length ? serverEras.modern : [MODERN_REVISION];
  const stateless = new StatelessRequests({
    child: options.child,
    pool: options.pool ?? GATEWAY_DEFAULTS.pool,
    metrics,
    audit,
    log,
    bridge,
    trace: options.traceDir ? (name) => openSessionTrace(options.traceDir!, name, options.child, token ? [token] : []) : undefined,
    refused: (res, reason) => auditRefusal(res.req, reason),
  });
  const starting = new Set<GatewaySession>();
  const started = Date.now();
  let policy: HostPolicy = loopbackHostPolicy(0);
  let front: OAuthFront | undefined;

  const requestTimeoutMs = options.requestTimeoutMs ?? GATEWAY_DEFAULTS.requestTimeoutMs;
  const auditRefusal = (req: IncomingMessage, status: string, peer = req.socket.remoteAddress) => {
    metrics.rejectedHttp++;
    audit?.write({ time: new Date().toISOString(), status, path: pathOf(req.url), peer });
  };
  const reject = (res: ServerResponse, r: Rejection, extraHeaders: Record<string, string> = {}, code = -32000) => {
    auditRefusal(res.req, `http-${r.status}:${r.reason}`);
    replyRpcError(res, r.status, code, r.message, extraHeaders);
  };

  const sessionContext = (who: AuthResult): SessionContext => ({
    child: options.child,
    tokenId: who.tokenId,
    audit,
    metrics,
    faults,
    maxRequestBodyBytes: maxBody,
    resumable: options.resumable ?? true,
    answerPath: options.answerPath ?? 'direct',
    reverseBridge: !!serverEras?.modern?.length && !serverEras.legacy,
    log,
    onOpen: (s) => {
      starting.delete(s);
      sessions.set(s.id!, s);
      log('info', `[${s.id!.slice(0, 8)}] session started; server process pid ${s.child?.pid ?? '?'}`);
    },
    onClose: (s) => {
      starting.delete(s);
      if (s.id) sessions.delete(s.id);
    },
    trace: options.traceDir ? (id) => openSessionTrace(options.traceDir!, id, options.child, token ? [token] : []) : undefined,
  });

  /** The MCP endpoint once the caller is authenticated. */
  const handleMcp = async (req: IncomingMessage, res: ServerResponse, who: AuthResult): Promise<void> => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBody) {
      return reject(res, { status: 413, reason: 'body-too-large', message: `Payload Too Large: the limit is ${maxBody} bytes.` }, { connection: 'close' });
    }
    const sid = req.headers['mcp-session-id'];
    if (typeof sid === 'string') {
      const s = sessions.get(sid);
      // Another caller's session is reported exactly like an unknown one: its existence is not revealed.
      if (!s || s.isClosed || s.ownerTokenId !== who.tokenId) {
        return reject(res, { status: 404, reason: 'unknown-session', message: 'Session not found' });
      }
      s.touch();
      if (req.method === 'POST') return s.handlePost(req, res);
      if (req.method === 'GET') return s.handleGet(req, res);
      return s.transport.handleRequest(req, res);
    }
    if (req.method !== 'POST') {
      if (req.method === 'GET' || req.method === 'DELETE') {
        return reject(res, { status: 400, reason: 'no-session', message: 'Bad Request: Mcp-Session-Id header is required' });
      }
      return reject(res, { status: 405, reason: 'method', message: 'Method Not Allowed' }, { allow: 'GET, POST, DELETE' });
    }
    // A request outside any session: a 2025 initialize, or a 2026-07-28 request. The body is read and checked first:
    // a request that fails (unparsable, or nested so deep that validation would overflow) never starts a process.
    let parsed: unknown;
    if (isJsonContentType(req.headers['content-type'])) {
      const body = await readBody(req, maxBody);
      if (body === 'aborted') return;
      if (body === 'too-large') return reject(res, { status: 413, reason: 'body-too-large', message: `Payload Too Large: the limit is ${maxBody} bytes.` }, { connection: 'close' });
      const checked = checkOpening(body);
      if ('refused' in checked) return reject(res, { status: 400, reason: 'invalid-body', message: checked.refused }, {}, -32700);
      parsed = checked.parsed;
    }
    if (parsed !== undefined) {
      // One URL for both eras: the SDK's classifier decides (and checks Mcp-Method/Mcp-Name against the body).
      const route = classifyInboundRequest({
        httpMethod: 'POST',
        protocolVersionHeader: header(req, 'mcp-protocol-version'),
        mcpMethodHeader: header(req, 'mcp-method'),
        mcpNameHeader: header(req, 'mcp-name'),
        body: parsed,
      });
      if (route.kind === 'reject') {
        auditRefusal(req, `http-${route.httpStatus}:${route.cell}`);
        const id = (parsed as { id?: unknown })?.id;
        return replyJson(res, route.httpStatus, { jsonrpc: '2.0', id: typeof id === 'string' || typeof id === 'number' ? id : null, error: { code: route.code, message: route.message, data: route.data } });
      }
      if (route.kind === 'modern') {
        const refused = checkModernRequest(
          route.message,
          route.classification.revision,
          { protocolVersion: header(req, 'mcp-protocol-version'), method: header(req, 'mcp-method'), name: header(req, 'mcp-name') },
          modernVersions,
          route.messageKind === 'notification',
        );
        if (refused) {
          auditRefusal(req, `http-${refused.httpStatus}:modern-gate`);
          const id = route.messageKind === 'request' ? route.message.id : null;
          return replyJson(res, refused.httpStatus, { jsonrpc: '2.0', id, error: { code: refused.code, message: refused.message, data: refused.data } });
        }
        if (route.messageKind === 'notification') {
          stateless.notification(route.message, who.tokenId);
          res.writeHead(202).end();
          return;
        }
        return stateless.request(route.message, res, who.tokenId, header(req, 'mcp-protocol-version') ?? MODERN_REVISION, req.headers);
      }
    }
    // The 2025 era. The transport checks that this is an initialize request; the child starts only then.
    if (sessions.size + starting.size >= maxSessions) {
      return reject(res, { status: 503, reason: 'max-sessions', message: `Service Unavailable: the gateway already serves ${maxSessions} sessions.` }, { 'retry-after': '5' });
    }
    const s = new GatewaySession(sessionContext(who));
    starting.add(s);
    try {
      await s.transport.handleRequest(req, res, parsed);
    } finally {
      if (!s.id) {
        starting.delete(s);
        void s.close('not initialized');
      }
    }
  };

  const tokenAuth = (req: IncomingMessage): AuthResult | Rejection => {
    if (authMode === 'none') return { tokenId: 'none' };
    const presented = bearerFromHeader(req.headers.authorization);
    if (!presented) return { status: 401, reason: 'no-token', message: 'Unauthorized: send Authorization: Bearer <token>.' };
    if (!matchesDigest(presented, tokenDigest!)) return { status: 401, reason: 'bad-token', message: 'Unauthorized: the bearer token is not valid.' };
    return { tokenId: tid! };
  };

  /** Answers 408 when a request body does not arrive in time (Node's own requestTimeout only drops the socket). */
  const guardSlowBody = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.complete) return;
    // Read now: by the time the body is late, the socket may already be half gone.
    const peer = req.socket.remoteAddress;
    const timer = setTimeout(() => {
      if (req.complete) return;
      auditRefusal(req, 'http-408:slow-body', peer);
      if (!res.headersSent) {
        res.writeHead(408, { 'content-type': 'application/json', connection: 'close' });
        res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'Request Timeout: the request body did not arrive in time.' }, id: null }));
      }
      res.once('finish', () => req.socket.destroy());
    }, requestTimeoutMs);
    // Plain listeners (each event fires once per request) save once()'s wrapper on every POST.
    req.on('end', () => clearTimeout(timer));
    req.on('close', () => clearTimeout(timer));
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? '/';
    const refused = checkRequest(url, req.headers, policy);
    if (refused) return reject(res, refused);
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    if (path === '/healthz') {
      if (req.method !== 'GET' && req.method !== 'HEAD') return reject(res, { status: 405, reason: 'method', message: 'Method Not Allowed' }, { allow: 'GET, HEAD' });
      res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : 'ok');
      return;
    }
    if (req.method === 'POST') guardSlowBody(req, res);
    if (front) return front.handle(req, res);
    const who = tokenAuth(req);
    if ('status' in who) return reject(res, who, { 'www-authenticate': `Bearer realm="mcp-workbench"${who.reason === 'bad-token' ? ', error="invalid_token"' : ''}` });
    if (path !== '/mcp') return reject(res, { status: 404, reason: 'not-found', message: 'Not Found' });
    handleMcp(req, res, who).catch((err: Error) => {
      log('error', `request failed: ${err.message}`);
      replyRpcError(res, 500, -32603, 'Internal error');
    });
  };

  const server: Server = createServer(
    {
      // Backstop only: guardSlowBody answers 408 first. Headers have their own, shorter limit.
      requestTimeout: requestTimeoutMs + 5000,
      headersTimeout: Math.min(options.headersTimeoutMs ?? GATEWAY_DEFAULTS.headersTimeoutMs, requestTimeoutMs),
      connectionsCheckingInterval: 500,
      maxHeaderSize: 16 * 1024,
      // Answers leave at once rather than waiting for the client's ACK (Nagle); Node's default, stated on purpose.
      noDelay: true,
    },
    handle,
  );
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? GATEWAY_DEFAULTS.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  const origin = `http://${hostInUrl}:${port}`;
  const url = `${origin}/mcp`;
  const ownNames = isLoopbackHost(host) ? [hostInUrl] : reachableNames(host);
  policy = loopbackHostPolicy(port, [...ownNames.map((n) => `${n}:${port}`), ...(options.allowedHosts ?? [])], [origin, ...(options.allowedOrigins ?? [])]);
  if (authMode === 'oauth') {
    const showApprovalCode =
      options.oauth?.showApprovalCode ??
      ((r: ApprovalRequest) => log('warn', `OAuth approval code for "${r.clientName}" (redirects to ${r.redirectUri}): ${r.code} - type it into the approval page to grant access.`));
    front = createOAuthFront({ origin, mcpUrl: url, oauth: options.oauth ?? {}, faults, handleMcp, showApprovalCode, onReject: (req, r) => auditRefusal(req, `http-${r.status}:${r.reason}`) });
    if (options.oauth?.autoApprove) log('warn', 'OAUTH AUTO-APPROVE IS ON (--auto-approve): any local process can get a token without you. Use this only in tests.');
  }
  if (!isLoopbackHost(host)) log('warn', `the gateway listens on ${host}, reachable from other machines.`);
  if (authMode === 'none') log('warn', 'AUTHENTICATION IS OFF (--auth none): anyone who can reach this port can use the server. Use this only in tests.');

  const sweep = setInterval(() => {
    const now = Date.now();
    for (const s of sessions.values()) {
      if (s.pendingCount === 0 && now - s.lastActivity > idleTimeoutMs) void s.close('idle timeout');
    }
  }, Math.max(50, Math.min(idleTimeoutMs / 4, 30_000)));
  sweep.unref();

  let closing: Promise<void> | undefined;
  const eras: GatewayEras = { accepted: [...SUPPORTED_PROTOCOL_VERSIONS, MODERN_REVISION], server: serverEras, bridged: !!bridge || (!!serverEras?.modern?.length && !serverEras.legacy) };
  return {
    eras,
    url,
    origin,
    port,
    authMode,
    token,
    tokenId: tid,
    metrics,
    stats: () => ({
      sessions: sessions.size,
      requests: metrics.totalRequests,
      rejected: metrics.rejectedHttp,
      uptimeMs: Date.now() - started,
      childPids: [...[...sessions.values()].map((s) => s.child?.pid).filter((p): p is number => p !== undefined), ...stateless.pids],
      methods: metrics.summary(),
    }),
    close: () =>
      (closing ??= (async () => {
        clearInterval(sweep);
        const closed = new Promise<void>((r) => server.close(() => r()));
        await Promise.allSettled([...[...sessions.values(), ...starting].map((s) => s.close('gateway stopped')), stateless.close()]);
        server.closeAllConnections();
        await closed;
        await audit?.close();
      })()),
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function pathOf(url: string | undefined): string {
  const q = (url ?? '/').indexOf('?');
  return q === -1 ? (url ?? '/') : url!.slice(0, q);
}

/** The names remote clients may use in Host for a non-loopback bind: the address itself, or every interface's. */
function reachableNames(host: string): string[] {
  const wildcard = host === '0.0.0.0' || host === '::';
  if (!wildcard) return [host.includes(':') ? `[${host}]` : host];
  const names = [hostname().toLowerCase()];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) names.push(a.family === 'IPv6' ? `[${a.address.toLowerCase()}]` : a.address);
  }
  return names;
}

export { replyJson };
