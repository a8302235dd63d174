// Fault injection for testing clients. Everything is off unless asked for on the command line.
export interface FaultOptions {
  /** OAuth mode: every access token is treated as expired (401 invalid_token). */
  expiredToken?: boolean;
  /** OAuth mode: tokens are checked against another resource, so every token has the wrong audience (401). */
  wrongAudience?: boolean;
  /** OAuth mode: a scope no token carries is required (403 insufficient_scope). */
  insufficientScope?: boolean;
  /** Added delay before each client message reaches the server, in milliseconds. */
  latencyMs?: number;
  /** Each request's SSE stream is dropped after its first server message; clients must resume with Last-Event-ID. */
  dropStream?: boolean;
}

export const FAULT_NAMES = ['expired-token', 'wrong-audience', 'insufficient-scope', 'latency', 'drop-stream'] as const;

/** Parses `--fault name[=value]` values; throws one sentence on an unknown name. */
export function parseFaults(values: string[]): FaultOptions {
  const out: FaultOptions = {};
  for (const v of values) {
    const [name, arg] = v.split('=', 2);
    switch (name) {
      case 'expired-token':
        out.expiredToken = true;
        break;
      case 'wrong-audience':
        out.wrongAudience = true;
        break;
      case 'insufficient-scope':
        out.insufficientScope = true;
        break;
      case 'latency': {
        const ms = Number(arg ?? '100');
        if (!Number.isFinite(ms) || ms < 0) throw new Error(`--fault latency=${arg} needs a number of milliseconds.`);
        out.latencyMs = ms;
        break;
      }
      case 'drop-stream':
        out.dropStream = true;
        break;
      default:
        throw new Error(`Unknown fault "${name}"; known faults: ${FAULT_NAMES.join(', ')}.`);
    }
  }
  return out;
}
