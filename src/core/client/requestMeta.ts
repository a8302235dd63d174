// The per-request `_meta` this client adds in the 2026 era, on top of the envelope the SDK attaches (protocol
// version, client info, capabilities): the log level the user chose, and a W3C `traceparent` so that a server's
// own traces can be joined with ours. One trace id per session, a new span id per request.
import { randomBytes } from 'node:crypto';
import { LOG_LEVEL_META_KEY, TRACEPARENT_META_KEY, type LoggingLevel } from '@modelcontextprotocol/client';

export class RequestMeta {
  private readonly traceId = randomBytes(16).toString('hex');
  logLevel: LoggingLevel | undefined;

  /** `params` with the `_meta` keys added (keys the caller set win). */
  apply<T extends object>(params: T): T & { _meta?: Record<string, unknown> } {
    const own = (params as { _meta?: Record<string, unknown> })._meta;
    const meta: Record<string, unknown> = { [TRACEPARENT_META_KEY]: `00-${this.traceId}-${randomBytes(8).toString('hex')}-01` };
    if (this.logLevel) meta[LOG_LEVEL_META_KEY] = this.logLevel;
    return { ...params, _meta: { ...meta, ...own } };
  }
}
