// OAuth for HTTP targets, on the SDK's client auth: the SDK does discovery (RFC 9728 / RFC 8414), dynamic client
// registration or a client ID metadata document, PKCE S256, scope selection, token refresh and step-up. This file
// supplies the provider state and the pluggable browser step (headless for tests, a loopback catcher for people).
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  auth,
  computeScopeUnion,
  DpopSession,
  extractWWWAuthenticateParams,
  isStrictScopeSuperset,
  withDpopFromProvider,
  type FetchLike,
  type OAuthClientMetadata,
  type OAuthClientProvider,
  type OAuthDiscoveryState,
  type StoredOAuthClientInformation,
  type StoredOAuthTokens,
} from '@modelcontextprotocol/client';
import type { AuthorizationResponse, AuthorizationStep, OAuthOptions, OAuthStore } from './types';

export type { OAuthGrantOptions } from './types';

export class MemoryOAuthStore implements OAuthStore {
  private readonly map = new Map<string, unknown>();
  get(key: string): unknown {
    return this.map.get(key);
  }
  set(key: string, value: unknown): void {
    this.map.set(key, value);
  }
}

/** Follows the authorization URL without a browser: the server must redirect straight back (test servers, conformance). */
export const headlessAuthorize: AuthorizationStep = async (authorizationUrl) => {
  const res = await fetch(authorizationUrl, { redirect: 'manual' });
  const location = res.headers.get('location');
  await res.body?.cancel();
  if (!location) throw new Error(`The authorization endpoint answered ${res.status} without redirecting back; a headless login needs an auto-approving server`);
  const back = new URL(location, authorizationUrl);
  const error = back.searchParams.get('error');
  if (error) throw new Error(`The authorization server refused: ${error}${back.searchParams.get('error_description') ? ` (${back.searchParams.get('error_description')})` : ''}`);
  const code = back.searchParams.get('code');
  if (!code) throw new Error('The authorization redirect carried no code');
  return authorizationResponse(code, back.searchParams);
};

/** Catches the redirect on a loopback port; `open` shows the URL to the user (a browser, or a printed link). */
export class LoopbackCatcher {
  private server: Server | undefined;
  private waiting: { resolve(v: AuthorizationResponse): void; reject(e: Error): void } | undefined;

  async start(port = 0): Promise<URL> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname !== '/callback') {
        res.writeHead(404).end();
        return;
      }
      const code = url.searchParams.get('code');
      const error = url.searchParams.get('error');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(code ? '<p>Signed in. You can close this tab and return to MCP Workbench.</p>' : `<p>Sign-in failed: ${escapeHtml(error ?? 'no code')}</p>`);
      if (code) this.waiting?.resolve(authorizationResponse(code, url.searchParams));
      else this.waiting?.reject(new Error(`The authorization server refused: ${error ?? 'no code in the redirect'}`));
      this.waiting = undefined;
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    return new URL(`http://127.0.0.1:${(this.server.address() as AddressInfo).port}/callback`);
  }

  step(open: (url: URL) => void | Promise<void>, timeoutMs = 300_000): AuthorizationStep {
    return async (authorizationUrl) => {
      const result = new Promise<AuthorizationResponse>((resolve, reject) => {
        this.waiting = { resolve, reject };
        setTimeout(() => reject(new Error('Nobody completed the sign-in in the browser in time')), timeoutMs).unref();
      });
      // The browser may come back (even with a refusal) before open() resolves: mark the rejection as handled here;
      // the caller still receives it from the returned promise.
      result.catch(() => undefined);
      await open(authorizationUrl);
      return result;
    };
  }

  close(): void {
    this.server?.close();
    this.server = undefined;
  }
}

/** The code, and the `state` and `iss` (RFC 9207) parameters when the redirect carried them. */
function authorizationResponse(code: string, params: URLSearchParams): AuthorizationResponse {
  const state = params.get('state');
  const iss = params.get('iss');
  return { code, ...(state !== null ? { state } : {}), ...(iss !== null ? { iss } : {}) };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** The SDK's OAuthClientProvider, keyed by server URL in a store, with a pluggable authorization step. */
export class WorkbenchOAuthProvider implements OAuthClientProvider {
  private pendingCode: Promise<AuthorizationResponse> | undefined;
  private dpopSession: Promise<DpopSession> | undefined;
  private readonly store: OAuthStore;
  readonly clientMetadataUrl?: string;

  constructor(
    private readonly serverUrl: string,
    private redirect: URL,
    private readonly authorize: AuthorizationStep,
    private readonly options: OAuthOptions = {},
  ) {
    this.store = options.store ?? new MemoryOAuthStore();
    this.clientMetadataUrl = options.clientMetadataUrl;
    if (options.clientId && !this.clientInformation()) {
      this.saveClientInformation({ client_id: options.clientId, client_secret: options.clientSecret });
    }
  }

  private key(what: string): string {
    return `${this.serverUrl}#${what}`;
  }

  get redirectUrl(): URL {
    return this.redirect;
  }

  /** The provider that signs in: the SDK's grant provider when one was given, else this one. */
  get signIn(): OAuthClientProvider {
    return this.options.grantProvider ?? this;
  }

  /** One DPoP key for the life of the session (the SDK keeps the nonces per origin in it); undefined: Bearer. */
  dpop(): Promise<DpopSession> | undefined {
    if (!this.options.dpop) return undefined;
    return (this.dpopSession ??= DpopSession.create());
  }

  /**
   * Moves the redirect URI (a loopback catcher got a new port). A client registered for another redirect URI is
   * forgotten so that it registers again, unless it was pre-registered.
   */
  setRedirectUrl(url: URL): void {
    if (url.toString() === this.redirect.toString()) return;
    this.redirect = url;
    const info = this.clientInformation() as { redirect_uris?: string[] } | undefined;
    if (info && !this.options.clientId && !(info.redirect_uris ?? []).includes(url.toString())) this.invalidateCredentials('client');
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: this.options.clientName ?? 'MCP Workbench',
      redirect_uris: [this.redirect.toString()],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: this.options.clientSecret ? 'client_secret_basic' : 'none',
      ...(this.options.scope ? { scope: this.options.scope } : {}),
    };
  }

  // Credentials are bound to the authorization server that issued them: the SDK stamps each stored record with its
  // `issuer` and will not present it to another one, so one key per MCP server is enough here.
  clientInformation(): StoredOAuthClientInformation | undefined {
    return this.store.get(this.key('client')) as StoredOAuthClientInformation | undefined;
  }

  saveClientInformation(info: StoredOAuthClientInformation): void {
    this.store.set(this.key('client'), info);
  }

  tokens(): StoredOAuthTokens | undefined {
    return this.store.get(this.key('tokens')) as StoredOAuthTokens | undefined;
  }

  saveTokens(tokens: StoredOAuthTokens): void {
    this.store.set(this.key('tokens'), tokens);
  }

  redirectToAuthorization(authorizationUrl: URL): void {
    this.pendingCode = this.authorize(authorizationUrl, this.redirect);
    // Surface the rejection where the code is awaited, not as an unhandled rejection here.
    this.pendingCode.catch(() => undefined);
  }

  saveCodeVerifier(verifier: string): void {
    this.store.set(this.key('verifier'), verifier);
  }

  codeVerifier(): string {
    const v = this.store.get(this.key('verifier'));
    if (typeof v !== 'string') throw new Error('No PKCE code verifier saved');
    return v;
  }

  // Kept from the authorization request to the code exchange, so that the SDK sends the code only to the
  // authorization server that issued it (SEP-2352); withOAuth clears it when a new sign-in starts.
  discoveryState(): OAuthDiscoveryState | undefined {
    return this.store.get(this.key('discovery')) as OAuthDiscoveryState | undefined;
  }

  saveDiscoveryState(state: OAuthDiscoveryState): void {
    this.store.set(this.key('discovery'), state);
  }

  invalidateCredentials(scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery'): void {
    if (scope === 'all' || scope === 'client') this.store.set(this.key('client'), undefined);
    if (scope === 'all' || scope === 'tokens') this.store.set(this.key('tokens'), undefined);
    if (scope === 'all' || scope === 'verifier') this.store.set(this.key('verifier'), undefined);
    if (scope === 'all' || scope === 'discovery') this.store.set(this.key('discovery'), undefined);
  }

  /** The authorization response (code, and `iss` for RFC 9207) of the step started by the last redirect. */
  async takeAuthorizationResponse(): Promise<AuthorizationResponse | undefined> {
    const pending = this.pendingCode;
    this.pendingCode = undefined;
    return pending ? await pending : undefined;
  }
}

/** Raised when the OAuth flow itself fails (discovery, registration, the browser step, the token exchange). */
export class OAuthFlowError extends Error {
  override readonly name = 'OAuthFlowError';
}

/**
 * A fetch layer that adds the bearer token and, on 401 (or 403 insufficient_scope: step-up), runs the SDK's `auth()`
 * (discovery, registration, PKCE, refresh, scope from WWW-Authenticate), finishes the browser step, and retries the
 * request once. Doing this below the transport lets a step-up in the middle of a session succeed without a reconnect.
 * A challenge asks for the union of the scopes requested so far, the token's and the challenged ones (SEP-2350), so a
 * step-up does not drop a scope granted earlier; a wider union needs a new authorization, not a refresh.
 * A DPoP-bound token goes out with the DPoP scheme and a fresh proof (the SDK's layer, which also answers a nonce
 * challenge); any other token as Bearer.
 */
export function withOAuth(provider: WorkbenchOAuthProvider, serverUrl: URL, next: FetchLike, beforeAuthorizing?: () => void | Promise<void>): FetchLike {
  let requested: string | undefined;
  const signIn = provider.signIn;
  const toServer = withDpopFromProvider(signIn)(next);
  const send = async (input: string | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const tokens = await signIn.tokens();
    if (tokens && tokens.token_type?.toLowerCase() !== 'dpop') headers.set('Authorization', `Bearer ${tokens.access_token}`);
    return toServer(input, { ...init, headers });
  };
  return async (input, init) => {
    const response = await send(input, init);
    if (response.status !== 401 && !(response.status === 403 && extractWWWAuthenticateParams(response).error === 'insufficient_scope')) return response;
    const challenge = extractWWWAuthenticateParams(response);
    const { resourceMetadataUrl } = challenge;
    await response.body?.cancel().catch(() => undefined);
    const granted = (await signIn.tokens())?.scope;
    const scope = (requested = computeScopeUnion(requested, granted, challenge.scope));
    // Each challenge discovers afresh: the server may have moved to another authorization server since.
    provider.invalidateCredentials('discovery');
    try {
      await beforeAuthorizing?.();
      let result = await auth(signIn, { serverUrl, resourceMetadataUrl, scope, forceReauthorization: isStrictScopeSuperset(scope, granted), fetchFn: next });
      if (result === 'REDIRECT') {
        if (signIn !== provider) throw new Error('the grant provider asked for a browser sign-in');
        const response = await provider.takeAuthorizationResponse();
        if (!response?.code) throw new Error('the authorization step produced no code');
        // `iss` from the redirect goes to the SDK's RFC 9207 check against the issuer it discovered.
        result = await auth(provider, { serverUrl, resourceMetadataUrl, scope, authorizationCode: response.code, iss: response.iss, fetchFn: next });
      }
      if (result !== 'AUTHORIZED') throw new Error(`authorization ended with ${result}`);
    } catch (e) {
      throw new OAuthFlowError((e as Error).message ?? String(e), { cause: e });
    }
    return send(input, init);
  };
}
