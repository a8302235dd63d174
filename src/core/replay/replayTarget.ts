// Where a replay goes: the server named in the trace header, unless another is given.
import type { ConnectTarget } from '../client/types';
import type { TraceTarget } from '../traffic/traceEvents';

export class ReplayTargetError extends Error {}

const REDACTED = /^<redacted:[0-9a-f]+>$/;

/**
 * The header's target as something to connect to. Redacted env values and headers cannot be replayed: they are
 * left out and named in `warnings`, so the caller can say why a server may refuse to start.
 */
export function targetFromHeader(target: TraceTarget | undefined): { target: ConnectTarget; warnings: string[] } {
  if (!target) throw new ReplayTargetError('The trace has no header naming its server; give one with --target.');
  const warnings: string[] = [];
  const keep = (record: Record<string, string> | undefined, what: string) => {
    if (!record) return undefined;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(record)) {
      if (REDACTED.test(v) || v.includes('<redacted:')) warnings.push(`${what} ${k} was redacted in the trace and is not sent`);
      else out[k] = v;
    }
    return Object.keys(out).length ? out : undefined;
  };
  if (target.transport === 'stdio') {
    if (!target.command) throw new ReplayTargetError('The trace header names a stdio server without a command; give one with --target.');
    return { target: { kind: 'stdio', command: target.command, args: target.args, cwd: target.cwd, env: keep(target.env, 'environment variable'), name: target.name }, warnings };
  }
  if (!target.url) throw new ReplayTargetError('The trace header names an HTTP server without a URL; give one with --target.');
  return { target: { kind: 'http', url: target.url, transport: target.transport, headers: keep(target.headers, 'header'), name: target.name }, warnings };
}

export function describeTarget(target: ConnectTarget): string {
  return target.kind === 'stdio' ? [target.command, ...(target.args ?? [])].join(' ') : target.url;
}
