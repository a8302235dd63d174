// A fetch wrapper for the HTTP transports: every response's status and headers become a trace event, and the last
// ones are kept so that a failed connect can quote the status and WWW-Authenticate header.
import type { FetchLike } from '@modelcontextprotocol/client';
import type { UnstampedTraceEvent } from '../traffic/traceEvents';

export interface ObservedResponse {
  method: string;
  url: string;
  status: number;
  headers: Record<string, string>;
}

export class HttpObserver {
  readonly responses: ObservedResponse[] = [];
  /** The last network-level failure (connection refused, DNS). */
  networkError: Error | undefined;

  constructor(
    private readonly record: (event: UnstampedTraceEvent) => void,
    private readonly baseFetch: FetchLike = fetch,
  ) {}

  readonly fetch: FetchLike = async (url, init) => {
    const method = init?.method ?? 'GET';
    const started = performance.now();
    let res: Response;
    try {
      res = await this.baseFetch(url, init);
    } catch (e) {
      if ((e as Error).name !== 'AbortError') {
        this.networkError = e as Error;
        this.record({ type: 'transport', event: 'error', detail: `${method} ${String(url)}: ${describeNetworkError(e)}` });
      }
      throw e;
    }
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k] = v));
    const observed = { method, url: String(url), status: res.status, headers };
    this.responses.push(observed);
    if (this.responses.length > 50) this.responses.shift();
    const requestHeaders = headerRecord(init?.headers);
    this.record({ type: 'http', method, url: String(url), status: res.status, headers, requestHeaders, durationMs: Math.round((performance.now() - started) * 1000) / 1000 });
    return res;
  };

  /** The last response with a status of 400 or more to a request on the MCP endpoint (not OAuth metadata). */
  lastFailure(endpoint: string): ObservedResponse | undefined {
    for (let i = this.responses.length - 1; i >= 0; i--) {
      const r = this.responses[i];
      if (r.status >= 400 && sameEndpoint(r.url, endpoint)) return r;
    }
    return undefined;
  }
}

/** Request headers as a plain record with lower-case names, whichever form fetch was given them in. */
function headerRecord(init: RequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(init).forEach((v, k) => (out[k] = v));
  return out;
}

function sameEndpoint(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    const y = new URL(b);
    return x.origin === y.origin && x.pathname === y.pathname;
  } catch {
    return a === b;
  }
}

/** "connection refused" rather than "fetch failed". */
export function describeNetworkError(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } })?.cause;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
      return 'host not found';
    case 'ECONNRESET':
      return 'connection reset';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'connection timed out';
    default:
      return cause?.message ?? (e as Error)?.message ?? String(e);
  }
}
