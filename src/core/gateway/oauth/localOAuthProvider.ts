// The built-in authorization server's state: registered clients, authorization codes, access and refresh tokens,
// all in memory for the lifetime of one gateway. The SDK's handlers do the protocol (PKCE S256 check, dynamic
// registration, token endpoint); this provider only issues, rotates, verifies and revokes.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Response } from 'express';
import type { OAuthServerProvider, AuthorizationParams, OAuthRegisteredClientsStore } from '@modelcontextprotocol/server-legacy/auth';
import { InvalidGrantError, InvalidTokenError, InvalidRequestError } from '@modelcontextprotocol/server-legacy/auth';
import type { AuthInfo, OAuthClientInformationFull, OAuthTokenRevocationRequest, OAuthTokens } from '@modelcontextprotocol/server';
import { renderApprovalPage } from './approvalPage';

const CODE_TTL_MS = 60_000;
const PENDING_TTL_MS = 10 * 60_000;

interface CodeGrant {
  clientId: string;
  challenge: string;
  redirectUri: string;
  scopes: string[];
  resource: URL;
  expiresAt: number;
  used: boolean;
  /** Tokens issued from this code, revoked if the code is ever replayed (OAuth 2.1 section 4.1.3). */
  issued: string[];
}

interface TokenGrant {
  clientId: string;
  scopes: string[];
  resource: URL;
  expiresAt?: number;
  code?: string;
}

interface PendingApproval {
  client: OAuthClientInformationFull;
  params: AuthorizationParams;
  createdAt: number;
}

export interface LocalOAuthProviderOptions {
  /** The protected resource (the gateway's /mcp URL): the default audience of every token. */
  resource: URL;
  accessTokenTtlSec: number;
  defaultScopes: string[];
  autoApprove: boolean;
  /** Fault injection: report every token as already expired. */
  expiredTokens?: boolean;
}

function secret(): string {
  return randomBytes(32).toString('base64url');
}

export class LocalOAuthProvider implements OAuthServerProvider {
  private readonly clients = new Map<string, OAuthClientInformationFull>();
  private readonly codes = new Map<string, CodeGrant>();
  private readonly accessTokens = new Map<string, TokenGrant>();
  private readonly refreshTokens = new Map<string, TokenGrant>();
  private readonly pending = new Map<string, PendingApproval>();

  constructor(private readonly options: LocalOAuthProviderOptions) {}

  get clientsStore(): OAuthRegisteredClientsStore {
    return {
      getClient: (id) => this.clients.get(id),
      registerClient: (client) => {
        const full: OAuthClientInformationFull = { ...client, client_id: randomUUID(), client_id_issued_at: Math.floor(Date.now() / 1000) };
        this.clients.set(full.client_id, full);
        return full;
      },
    };
  }

  async authorize(client: OAuthClientInformationFull, params: AuthorizationParams, res: Response): Promise<void> {
    if (this.options.autoApprove) {
      res.redirect(302, this.issueCode(client, params));
      return;
    }
    const id = secret();
    this.prune();
    this.pending.set(id, { client, params, createdAt: Date.now() });
    res.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
    res.setHeader('x-frame-options', 'DENY');
    res.status(200).type('html').send(renderApprovalPage(id, client, params));
  }

  /** The approval page's form posts here: approve issues a code, deny sends access_denied; both redirect. */
  decide(requestId: string, approve: boolean): string | undefined {
    const p = this.pending.get(requestId);
    if (!p) return undefined;
    this.pending.delete(requestId);
    if (!approve) {
      const url = new URL(p.params.redirectUri);
      url.searchParams.set('error', 'access_denied');
      if (p.params.state !== undefined) url.searchParams.set('state', p.params.state);
      return url.href;
    }
    return this.issueCode(p.client, p.params);
  }

  private issueCode(client: OAuthClientInformationFull, params: AuthorizationParams): string {
    const code = secret();
    this.codes.set(code, {
      clientId: client.client_id,
      challenge: params.codeChallenge,
      redirectUri: params.redirectUri,
      scopes: params.scopes?.length ? params.scopes : this.options.defaultScopes,
      resource: params.resource ?? this.options.resource,
      expiresAt: Date.now() + CODE_TTL_MS,
      used: false,
      issued: [],
    });
    const url = new URL(params.redirectUri);
    url.searchParams.set('code', code);
    if (params.state !== undefined) url.searchParams.set('state', params.state);
    return url.href;
  }

  async challengeForAuthorizationCode(client: OAuthClientInformationFull, code: string): Promise<string> {
    const grant = this.codes.get(code);
    if (!grant || grant.clientId !== client.client_id) throw new InvalidGrantError('Invalid authorization code');
    return grant.challenge;
  }

  async exchangeAuthorizationCode(client: OAuthClientInformationFull, code: string, _verifier?: string, redirectUri?: string, resource?: URL): Promise<OAuthTokens> {
    const grant = this.codes.get(code);
    if (!grant || grant.clientId !== client.client_id) throw new InvalidGrantError('Invalid authorization code');
    if (grant.used) {
      // A replayed code means it leaked: revoke everything issued from it.
      for (const t of grant.issued) {
        this.accessTokens.delete(t);
        this.refreshTokens.delete(t);
      }
      throw new InvalidGrantError('Authorization code was already used');
    }
    if (Date.now() > grant.expiresAt) throw new InvalidGrantError('Authorization code expired');
    if (redirectUri !== undefined && redirectUri !== grant.redirectUri) throw new InvalidGrantError('redirect_uri does not match the authorization request');
    if (resource && resource.href !== grant.resource.href) throw new InvalidGrantError('resource does not match the authorization request');
    grant.used = true;
    return this.issueTokens({ clientId: client.client_id, scopes: grant.scopes, resource: grant.resource, code }, grant);
  }

  async exchangeRefreshToken(client: OAuthClientInformationFull, refreshToken: string, scopes?: string[], resource?: URL): Promise<OAuthTokens> {
    const grant = this.refreshTokens.get(refreshToken);
    if (!grant || grant.clientId !== client.client_id) throw new InvalidGrantError('Invalid refresh token');
    if (scopes?.some((s) => !grant.scopes.includes(s))) throw new InvalidRequestError('A refresh cannot add scopes');
    if (resource && resource.href !== grant.resource.href) throw new InvalidGrantError('resource does not match the original grant');
    // Rotation: each refresh token works once.
    this.refreshTokens.delete(refreshToken);
    return this.issueTokens({ ...grant, scopes: scopes?.length ? scopes : grant.scopes });
  }

  private issueTokens(grant: TokenGrant, code?: CodeGrant): OAuthTokens {
    const access = secret();
    const refresh = secret();
    const ttl = this.options.accessTokenTtlSec;
    this.accessTokens.set(access, { ...grant, expiresAt: Math.floor(Date.now() / 1000) + ttl });
    this.refreshTokens.set(refresh, { ...grant, expiresAt: undefined });
    code?.issued.push(access, refresh);
    return { access_token: access, token_type: 'Bearer', expires_in: ttl, refresh_token: refresh, scope: grant.scopes.join(' ') };
  }

  async verifyAccessToken(token: string): Promise<AuthInfo> {
    const grant = this.accessTokens.get(token);
    if (!grant) throw new InvalidTokenError('Invalid access token');
    const expiresAt = this.options.expiredTokens ? Math.floor(Date.now() / 1000) - 1 : grant.expiresAt!;
    return { token, clientId: grant.clientId, scopes: grant.scopes, expiresAt, resource: grant.resource };
  }

  async revokeToken(client: OAuthClientInformationFull, request: OAuthTokenRevocationRequest): Promise<void> {
    for (const map of [this.accessTokens, this.refreshTokens]) {
      const grant = map.get(request.token);
      if (grant && grant.clientId === client.client_id) map.delete(request.token);
    }
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, p] of this.pending) if (now - p.createdAt > PENDING_TTL_MS) this.pending.delete(id);
    for (const [code, g] of this.codes) if (now > g.expiresAt + CODE_TTL_MS) this.codes.delete(code);
  }
}
