// Checks every request passes before anything else sees it: Host and Origin against DNS rebinding, and no
// credentials in the query string. Pure functions over headers so they are cheap and easy to test.
import type { IncomingHttpHeaders } from 'node:http';

export interface Rejection {
  status: number;
  /** Short machine-readable reason for the audit log. */
  reason: string;
  message: string;
}

export interface HostPolicy {
  /** Lower-case `host:port` values accepted in the Host header. */
  allowedHosts: Set<string>;
  /** Lower-case origins (`scheme://host:port`) accepted in the Origin header; absent Origin is always accepted. */
  allowedOrigins: Set<string>;
}

export function loopbackHostPolicy(port: number, extraHosts: string[] = [], extraOrigins: string[] = []): HostPolicy {
  const names = ['127.0.0.1', 'localhost', '[::1]'];
  const allowedHosts = new Set([...names.map((n) => `${n}:${port}`), ...extraHosts.map((h) => h.toLowerCase())]);
  const allowedOrigins = new Set([...names.map((n) => `http://${n}:${port}`), ...extraOrigins.map((o) => o.toLowerCase())]);
  return { allowedHosts, allowedOrigins };
}

const CREDENTIAL_PARAMS = /(?:^|[?&])(access_token|token|api_key|apikey|key|auth|authorization)=/i;

export function checkRequest(url: string, headers: IncomingHttpHeaders, policy: HostPolicy): Rejection | undefined {
  const host = headers.host?.toLowerCase();
  if (!host || !policy.allowedHosts.has(host)) {
    return { status: 403, reason: 'bad-host', message: 'Forbidden: the Host header does not name this gateway.' };
  }
  const origin = headers.origin;
  if (origin !== undefined && !policy.allowedOrigins.has(origin.toLowerCase())) {
    return { status: 403, reason: 'bad-origin', message: 'Forbidden: requests from this Origin are not allowed.' };
  }
  const q = url.indexOf('?');
  if (q !== -1 && CREDENTIAL_PARAMS.test(url.slice(q))) {
    return {
      status: 400,
      reason: 'token-in-query',
      message: 'Bad Request: credentials in the query string are refused; send an Authorization: Bearer header.',
    };
  }
  return undefined;
}
