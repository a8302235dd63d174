// Checks every request passes before anything else sees it: Host and Origin against DNS rebinding, and no
// credentials in the query string. Pure functions over headers so they are cheap and easy to test.
import type { IncomingHttpHeaders } from 'node:http';
import { localhostAllowedHostnames, validateHostHeader, validateOriginHeader } from '@modelcontextprotocol/server';

export interface Rejection {
  status: number;
  /** Short machine-readable reason for the audit log. */
  reason: string;
  message: string;
}

export interface HostPolicy {
  /** Host names accepted in Host and Origin (the SDK's DNS-rebinding checks). */
  hostnames: string[];
  /** Lower-case `host:port` values accepted in the Host header: the names above with this gateway's port, or extras. */
  allowedHosts: Set<string>;
  /**
   * The allowed Host values that the SDK's check accepts too: both checks are pure functions of the value, so they are
   * run once here rather than once per request (the SDK's check parses a URL).
   */
  acceptedHosts: Set<string>;
  /** Lower-case origins (`scheme://host:port`) accepted in the Origin header; absent Origin is always accepted. */
  allowedOrigins: Set<string>;
}

export function loopbackHostPolicy(port: number, extraHosts: string[] = [], extraOrigins: string[] = []): HostPolicy {
  const names = localhostAllowedHostnames();
  const hostnames = [...names, ...[...extraHosts, ...extraOrigins].map(hostnameOf).filter((h): h is string => !!h)];
  const allowedHosts = new Set([...names.map((n) => `${n}:${port}`), ...extraHosts.map((h) => h.toLowerCase())]);
  const allowedOrigins = new Set([...names.map((n) => `http://${n}:${port}`), ...extraOrigins.map((o) => o.toLowerCase())]);
  const acceptedHosts = new Set([...allowedHosts].filter((h) => validateHostHeader(h, hostnames).ok));
  return { hostnames, allowedHosts, acceptedHosts, allowedOrigins };
}

const CREDENTIAL_PARAMS = /(?:^|[?&])(access_token|token|api_key|apikey|key|auth|authorization)=/i;

/**
 * The SDK validates the names (DNS rebinding, unparsable and `null` origins); on top of that the gateway wants its
 * own port in Host and its own scheme and port in Origin, so another local web app is not taken for it.
 */
export function checkRequest(url: string, headers: IncomingHttpHeaders, policy: HostPolicy): Rejection | undefined {
  const host = headers.host?.toLowerCase();
  if (host === undefined || !policy.acceptedHosts.has(host)) {
    return { status: 403, reason: 'bad-host', message: 'Forbidden: the Host header does not name this gateway.' };
  }
  const origin = headers.origin;
  if (origin !== undefined && (!validateOriginHeader(origin, policy.hostnames).ok || !policy.allowedOrigins.has(origin.toLowerCase()))) {
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

/** The host name of a `host:port` or an origin, as the SDK checks compare it. */
function hostnameOf(hostOrOrigin: string): string | undefined {
  try {
    return new URL(hostOrOrigin.includes('://') ? hostOrOrigin : `http://${hostOrOrigin}`).hostname;
  } catch {
    return undefined;
  }
}
