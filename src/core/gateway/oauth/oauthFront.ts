// OAuth mode: the gateway as an OAuth 2.1 resource server with a built-in local authorization server, assembled
// from the MCP SDK's auth router (metadata, authorize, token, register, revoke) and its bearer middleware
// (WWW-Authenticate with resource_metadata and scope, audience check per RFC 8707, 403 insufficient_scope).
import express from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  mcpAuthRouter,
  getOAuthProtectedResourceMetadataUrl,
  requireBearerAuth,
  metadataHandler,
  InvalidRequestError,
  ServerError,
} from '@modelcontextprotocol/server-legacy/auth';
import type { OAuthProtectedResourceMetadata } from '@modelcontextprotocol/server';
import { LocalOAuthProvider, type ApprovalRequest } from './localOAuthProvider';
import type { OAuthModeOptions } from '../gatewayOptions';
import { GATEWAY_DEFAULTS } from '../gatewayOptions';
import type { FaultOptions } from '../faults';
import type { Rejection } from '../requestGuard';

export interface OAuthFront {
  handle(req: IncomingMessage, res: ServerResponse): void;
  provider: LocalOAuthProvider;
  /** Where the protected resource metadata lives (also sent in WWW-Authenticate). */
  resourceMetadataUrl: string;
}

export interface OAuthFrontOptions {
  origin: string;
  mcpUrl: string;
  oauth: OAuthModeOptions;
  faults: FaultOptions;
  handleMcp(req: IncomingMessage, res: ServerResponse, who: { tokenId: string }): Promise<void>;
  onReject(req: IncomingMessage, r: Rejection): void;
  showApprovalCode(request: ApprovalRequest): void;
}

export function createOAuthFront(o: OAuthFrontOptions): OAuthFront {
  const resource = new URL(o.mcpUrl);
  const requiredScopes = [...(o.oauth.requiredScopes ?? ['mcp']), ...(o.faults.insufficientScope ? ['mcp:fault-injected'] : [])];
  const provider = new LocalOAuthProvider({
    resource,
    accessTokenTtlSec: o.oauth.accessTokenTtlSec ?? GATEWAY_DEFAULTS.accessTokenTtlSec,
    defaultScopes: o.oauth.requiredScopes ?? ['mcp'],
    autoApprove: !!o.oauth.autoApprove,
    showApprovalCode: o.showApprovalCode,
    expiredTokens: o.faults.expiredToken,
  });
  const resourceMetadataUrl = getOAuthProtectedResourceMetadataUrl(resource);
  const noLimit = { rateLimit: false as const };
  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    res.on('finish', () => {
      if (res.statusCode >= 400) o.onReject(req, { status: res.statusCode, reason: `oauth:${req.path}`, message: '' });
    });
    next();
  });
  app.use(
    mcpAuthRouter({
      provider,
      issuerUrl: new URL(o.origin),
      resourceServerUrl: resource,
      scopesSupported: o.oauth.requiredScopes ?? ['mcp'],
      resourceName: 'MCP Workbench gateway',
      authorizationOptions: noLimit,
      tokenOptions: noLimit,
      clientRegistrationOptions: noLimit,
      revocationOptions: noLimit,
    }),
  );
  // RFC 9728 also allows the metadata at the root well-known URI; serve the same document there.
  const prm: OAuthProtectedResourceMetadata = {
    resource: resource.href,
    authorization_servers: [new URL(o.origin).href],
    scopes_supported: o.oauth.requiredScopes ?? ['mcp'],
    resource_name: 'MCP Workbench gateway',
  };
  app.use('/.well-known/oauth-protected-resource', metadataHandler(prm));
  app.post('/oauth/approve', express.urlencoded({ extended: false, limit: '8kb' }), (req, res) => {
    const decision = provider.decide(String(req.body?.request ?? ''), req.body?.decision === 'approve', String(req.body?.code ?? ''));
    if ('refused' in decision) {
      res.status(decision.status).type('text').send(decision.refused);
      return;
    }
    res.redirect(302, decision.redirect);
  });
  const bearer = requireBearerAuth({
    verifier: provider,
    requiredScopes,
    resourceMetadataUrl,
    // Wrong-audience fault: check tokens against a resource nobody asked for.
    expectedResource: o.faults.wrongAudience ? new URL('/not-this-resource', o.origin) : resource,
  });
  app.all('/mcp', bearer, (req, res) => {
    const auth = (req as unknown as { auth: { clientId: string } }).auth;
    o.handleMcp(req, res, { tokenId: `oauth:${auth.clientId}` }).catch(() => {
      if (!res.headersSent) res.status(500).json({ jsonrpc: '2.0', error: { code: -32603, message: 'Internal error' }, id: null });
    });
  });
  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found' });
  });
  // Body parser failures (malformed JSON, a body too large, a wrong charset) and anything else thrown: an OAuth JSON
  // error, never Express's HTML page with a stack trace.
  app.use((err: { status?: number; statusCode?: number; type?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = err.status ?? err.statusCode ?? 500;
    const error = status >= 500 ? new ServerError('The authorization server failed to handle this request.') : new InvalidRequestError(bodyProblem(err.type));
    if (res.headersSent) return void res.end();
    res.status(status >= 400 && status < 600 ? status : 500).json(error.toResponseObject());
  });
  return { handle: (req, res) => app(req as any, res as any), provider, resourceMetadataUrl };
}

function bodyProblem(type: string | undefined): string {
  if (type === 'entity.parse.failed') return 'The request body is not valid JSON.';
  if (type === 'entity.too.large') return 'The request body is too large.';
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') return 'The request body has an unsupported encoding.';
  return 'The request could not be read.';
}
