// The built-in authorization server's state: registered clients, authorization codes, access and refresh tokens,
// all in memory for the lifetime of one gateway. The SDK's handlers do the protocol (PKCE S256 check, dynamic
// registration, token endpoint); this provider only issues, rotates, verifies and revokes.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Response } from 'express';
import type { OAuthServerProvider, AuthorizationParams, OAuthRegisteredClientsStore } from '@modelcontextprotocol/server-legacy/auth';
import { InvalidClientMetadataError, InvalidGrantError, InvalidTokenError, InvalidRequestError } from '@modelcontextprotocol/server-legacy/auth';
import type { AuthInfo, OAuthClientInformationFull, OAuthTokenRevocationRequest, OAuthTokens } from '@modelcontextprotocol/server';
import { renderApprovalPage } from './approvalPage';
import { newApprovalCode, sameApprovalCode } from './approvalCode';
import { refusedRedirectUri } from './redirectUris';

const CODE_TTL_MS = 60_000;
const PENDING_TTL_MS = 10 * 60_000;
/** Wrong approval codes allowed per authorization request before it is dropped. */
const MAX_CODE_ATTEMPTS = 3;

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
  /** The one-time code shown only to the developer (the gateway's terminal, or the editor that started it). */
  approvalCode: string;
  wrongCodes: number;
}

/** An authorization request waiting for the developer: what to show them next to its approval code. */
export interface ApprovalRequest {
  code: string;
  clientName: string;
  redirectUri: string;
  scopes: string[];
}

export type Decision = { redirect: string } | { refused: string; status: number };

export interface LocalOAuthProviderOptions {
  /** The protected resource (the gateway's /mcp URL): the default audience of every token. */
  resource: URL;
  accessTokenTtlSec: number;
  defaultScopes: string[];
  autoApprove: boolean;
  /** Shows a pending request's approval code to the developer, and only to them. */
  showApprovalCode(request: ApprovalRequest): void;
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
        // OAuth 2.1 and the MCP authorization spec: redirect URIs are loopback or https, nothing else.
        const refused = (client.redirect_uris ?? []).map(String).find(refusedRedirectUri);
        if (refused) throw new InvalidClientMetadataError(`redirect_uris must be https URLs or http loopback URLs (127.0.0.1, [::1], localhost); refused: ${refused}`);
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
    const approvalCode = newApprovalCode();
    this.pending.set(id, { client, params, createdAt: Date.now(), approvalCode, wrongCodes: 0 });
    this.options.showApprovalCode({
      code: approvalCode,
      clientName: client.client_name ?? client.client_id,
      redirectUri: params.redirectUri,
      scopes: params.scopes?.length ? params.scopes : this.options.defaultScopes,
    });
    res.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
    res.setHeader('x-frame-options', 'DENY');
    res.status(200).type('html').send(renderApprovalPage(id, client, params));
  }

  /**
   * The approval page's form posts here. Deny sends access_denied; approve needs the request's approval code, which
   * only the developer has: a local process that found the page cannot approve itself.
   */
  decide(requestId: string, approve: boolean, approvalCode: string): Decision {
    const p = this.pending.get(requestId);
    if (!p) return { refused: 'This authorization request is unknown or was already decided.', status: 400 };
    if (!approve) {
      this.pending.delete(requestId);
      const url = new URL(p.params.redirectUri);
      url.searchParams.set('error', 'access_denied');
      if (p.params.state !== undefined) url.searchParams.set('state', p.params.state);
      return { redirect: this.withIssuer(url, p.params) };
    }
    if (!sameApprovalCode(approvalCode, p.approvalCode)) {
      const left = MAX_CODE_ATTEMPTS - ++p.wrongCodes;
      if (left > 0) return { refused: `The approval code is not right; ${left} attempt${left === 1 ? '' : 's'} left. It is shown where the gateway runs.`, status: 403 };
      this.pending.delete(requestId);
      return { refused: 'The approval code was wrong too many times; this authorization request is cancelled.', status: 403 };
    }
    this.pending.delete(requestId);
    return { redirect: this.withIssuer(new URL(this.issueCode(p.client, p.params)), p.params) };
  }

  /** RFC 9207: the SDK adds `iss` to the redirects it sends; this one leaves from the approval form instead. */
  private withIssuer(url: URL, params: AuthorizationParams): string {
    if (params.issuer) url.searchParams.set('iss', params.issuer);
    return url.href;
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
