// The Network view's rows: one per HTTP exchange of an HTTP transport (the `http` trace events the core's
// HttpObserver records), redacted with the same Redactor as traces, with the OAuth step each belongs to.
import { Redactor, redactedMarker, type TraceEvent } from '../../core/traffic';
import type { NetworkEntry } from '../../shared/inspectorProtocol';

type HttpEvent = Extract<TraceEvent, { type: 'http' }>;

export class NetworkEntries {
  private readonly redactor: Redactor;
  private seq = 0;

  /** `secrets`: values that must not show in clear (the target's header values, tokens). */
  constructor(secrets: Iterable<string> = []) {
    this.redactor = new Redactor({ secrets });
  }

  entry(e: HttpEvent, t: number): NetworkEntry {
    const headers = this.redactor.value(e.headers);
    const requestHeaders = this.redactor.value(e.requestHeaders ?? {});
    const mcpHeaders = Object.fromEntries([...Object.entries(requestHeaders), ...Object.entries(headers)].filter(([k]) => k.toLowerCase().startsWith('mcp-')));
    const method = e.method ?? 'GET';
    const url = this.url(e.url ?? '');
    return {
      seq: this.seq++,
      t,
      method,
      url,
      status: e.status,
      durationMs: e.durationMs,
      contentType: headers['content-type'],
      mcpHeaders,
      oauthStep: oauthStepOf(method, e.url ?? '', e.status, headers),
      headers,
      requestHeaders,
    };
  }

  /** Query values under secret-looking names (and OAuth codes) are redacted; the rest of the URL is kept. */
  private url(raw: string): string {
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      return this.redactor.string(raw);
    }
    for (const [k, v] of [...u.searchParams]) if (k === 'code' || this.redactor.isSecretKey(k)) u.searchParams.set(k, redactedMarker(v));
    return this.redactor.string(u.toString());
  }
}

/** Which step of the MCP authorization flow a request is, from its URL, method and answer. */
export function oauthStepOf(method: string, url: string, status: number, headers: Record<string, string>): string | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  if (path.startsWith('/.well-known/oauth-protected-resource')) return 'protected resource metadata (RFC 9728)';
  if (path.startsWith('/.well-known/oauth-authorization-server')) return 'authorization server metadata (RFC 8414)';
  if (path.startsWith('/.well-known/openid-configuration')) return 'OpenID provider configuration';
  if (method === 'POST' && /\/register\/?$/.test(path)) return 'dynamic client registration (RFC 7591)';
  if (method === 'POST' && /\/token\/?$/.test(path)) return 'token request';
  if (status === 401 && headers['www-authenticate'] !== undefined) return 'challenge (401, WWW-Authenticate)';
  if (status === 403 && /insufficient_scope/.test(headers['www-authenticate'] ?? '')) return 'step-up (403, insufficient_scope)';
  return undefined;
}
