// OAuth mode: the gateway as an OAuth 2.1 resource server with a built-in local authorization server, assembled
// from the MCP SDK's auth router (metadata, authorize, token, register, revoke) and its bearer middleware
// (WWW-Authenticate with resource_metadata and scope, audience check per RFC 8707, 403 insufficient_scope).
import express from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mcpAuthRouter, getOAuthProtectedResourceMetadataUrl, requireBearerAuth, metadataHandler } from '@modelcontextprotocol/server-legacy/auth';
import type { OAuthProtectedResourceMetadata } from '@modelcontextprotocol/server';
import { LocalOAuthProvider } from './localOAuthProvider';
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
  onReject(r: Rejection): void;
}

export function createOAuthFront(o: OAuthFrontOptions): OAuthFront {
  const resource = new URL(o.mcpUrl);
  const requiredScopes = [...(o.oauth.requiredScopes ?? ['mcp']), ...(o.faults.insufficientScope ? ['mcp:fault-injected'] : [])];
  const provider = new LocalOAuthProvider({
    resource,
    accessTokenTtlSec: o.oauth.accessTokenTtlSec ?? GATEWAY_DEFAULTS.accessTokenTtlSec,
    defaultScopes: o.oauth.requiredScopes ?? ['mcp'],
    autoApprove: !!o.oauth.autoApprove,
    expiredTokens: o.faults.expiredToken,
  });
  const resourceMetadataUrl = getOAuthProtectedResourceMetadataUrl(resource);
  const noLimit = { rateLimit: false as const };
  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    res.on('finish', () => {
      if (res.statusCode >= 400) o.onReject({ status: res.statusCode, reason: `oauth:${req.path}`, message: '' });
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
    const to = provider.decide(String(req.body?.request ?? ''), req.body?.decision === 'approve');
    if (!to) {
      res.status(400).type('text').send('This authorization request is unknown or was already decided.');
      return;
    }
    res.redirect(302, to);
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
  return { handle: (req, res) => app(req as any, res as any), provider, resourceMetadataUrl };
}
