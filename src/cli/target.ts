// Options every client command shares, and how they name the server: a URL, `-- <command> <args...>`, or
// `--config <file> --server <name>`. Parsing is separate from connecting so that it can be unit-tested.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import type { ConnectTarget, HttpTransportChoice } from '../core/client/types';
import { isProtocolChoice, PROTOCOL_CHOICES, type ProtocolChoice } from '../core/client/protocolChoice';
import type { InputPrompter } from '../core/client/resolveTarget';
import { resolveServerEntry } from '../core/client/resolveTarget';
import { readServerEntries } from '../core/manifest/serverEntries';
import { CliError, EXIT } from './cliError';
import { parseCommandArgs, splitCommandLine } from './parseCommandArgs';

export const LOG_LEVELS = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'] as const;

export const TARGET_HELP = `Target (one of):
  <url>                            a Streamable HTTP or SSE endpoint (Streamable HTTP is tried first)
  -- <command> [args...]           a stdio server; everything after -- is its command line
  --config <file> --server <name>  a server from a client config (mcp.json, .mcp.json, Claude, Cursor, ...) or server.json

Options:
  --protocol auto|2025-11-25|2026-07-28  protocol era (default auto: server/discover, else the 2025 handshake)
  --transport auto|streamable-http|sse  for URLs (default auto)
  --header "Name: value"           HTTP header (repeatable)
  --env KEY=VALUE                  added to the environment a stdio server inherits from this shell (repeatable)
  --cwd <dir>                      working directory of a stdio server
  --input id=value                 value for \${input:id} in a config (repeatable; otherwise asked on a terminal)
  --oauth                          sign in with OAuth if the server asks (opens a loopback redirect)
  --oauth-headless                 OAuth without a browser, following the redirect (auto-approving test servers)
  --input-response key=JSON        answer for a question a tool asks (elicitation, sampling), by the key the
                                   server gives it (repeatable; otherwise asked on a terminal)
  --timeout <ms>                   connect and request timeout (default 30000)
  --max-message-size <bytes>       largest message accepted from a stdio server (default 10485760)
  --max-input-rounds <n>           input_required rounds a call may take before it fails (default 10)
  --record <file.mcptrace>         record all traffic to a trace file
  --log-level <level>              ask the server for log messages at this level and print them on stderr
  --verbose                        print the server's stderr as it runs
  --json                           machine-readable output on stdout
  --debug                          show stack traces`;

const COMMON_OPTIONS = {
  protocol: { type: 'string' },
  'input-response': { type: 'string', multiple: true },
  'max-message-size': { type: 'string' },
  'max-input-rounds': { type: 'string' },
  config: { type: 'string' },
  server: { type: 'string' },
  transport: { type: 'string' },
  header: { type: 'string', multiple: true },
  env: { type: 'string', multiple: true },
  cwd: { type: 'string' },
  input: { type: 'string', multiple: true },
  oauth: { type: 'boolean' },
  'oauth-headless': { type: 'boolean' },
  timeout: { type: 'string' },
  record: { type: 'string' },
  'log-level': { type: 'string' },
  verbose: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

/** A target as the user named it, before config files are read and variables resolved. */
export type TargetSpec =
  | { kind: 'url'; url: string; transport: HttpTransportChoice; headers: Record<string, string> }
  | { kind: 'command'; command: string; args: string[]; env: Record<string, string>; cwd?: string }
  | { kind: 'config'; file: string; server: string; inputValues: Record<string, string>; headers: Record<string, string>; env: Record<string, string>; cwd?: string };

export interface CommonArgs {
  target: TargetSpec;
  /** Positionals after the target (tool name, JSON arguments, URI...). */
  positionals: string[];
  timeoutMs?: number;
  protocol: ProtocolChoice;
  maxMessageBytes?: number;
  maxInputRounds?: number;
  /** Answers to questions a tool asks, by the key the server gave each (JSON values). */
  inputResponses: Record<string, unknown>;
  record?: string;
  logLevel?: (typeof LOG_LEVELS)[number];
  json: boolean;
  verbose: boolean;
  oauth?: 'loopback' | 'headless';
}

export function pairs(list: string[] | undefined, sepChar: string, what: string, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list ?? []) {
    const i = item.indexOf(sepChar);
    if (i <= 0) throw new CliError(`${flag} "${item}" is not ${what}.`, EXIT.usage, `Write it as ${flag} ${sepChar === ':' ? '"Name: value"' : 'KEY=value'}.`);
    out[item.slice(0, i).trim()] = item.slice(i + 1).trim();
  }
  return out;
}

/** --cwd must name a directory: a typo is a usage error, not a server that "failed to start". */
export function checkedCwd(dir: string | undefined): string | undefined {
  if (dir === undefined) return undefined;
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new CliError(`--cwd ${dir}: no such directory.`, EXIT.usage);
  }
  if (!isDir) throw new CliError(`--cwd ${dir} is not a directory.`, EXIT.usage);
  return dir;
}

/** Parses the shared options; returns undefined when --help was asked for. */
export function parseCommonArgs(argv: string[]): CommonArgs | undefined {
  const { own, command: commandLine } = splitCommandLine(argv);
  const parsed = parseCommandArgs({ args: own, options: COMMON_OPTIONS, allowPositionals: true, strict: true }, 'Run the command with --help to see its options.');
  const v = parsed.values;
  if (v.help) return undefined;
  const positionals = [...parsed.positionals];
  const headers = pairs(v.header, ':', 'a header', '--header');
  const env = pairs(v.env, '=', 'an assignment', '--env');
  const cwd = checkedCwd(v.cwd);
  const transport = (v.transport ?? 'auto') as HttpTransportChoice;
  if (!['auto', 'streamable-http', 'sse'].includes(transport)) throw new CliError(`--transport must be auto, streamable-http or sse, not "${transport}".`, EXIT.usage);

  const named: TargetSpec[] = [];
  if (commandLine.length) named.push({ kind: 'command', command: commandLine[0], args: commandLine.slice(1), env, cwd });
  if (v.config || v.server) {
    if (!v.config || !v.server) throw new CliError('--config and --server go together.', EXIT.usage, 'Name the file with --config and the server in it with --server.');
    named.push({ kind: 'config', file: v.config, server: v.server, inputValues: pairs(v.input, '=', 'an assignment', '--input'), headers, env, ...(cwd ? { cwd } : {}) });
  }
  if (positionals[0] && /^https?:\/\//i.test(positionals[0])) named.push({ kind: 'url', url: positionals.shift()!, transport, headers });
  if (named.length === 0) {
    const bad = positionals[0] !== undefined ? urlMistake(positionals[0]) : undefined;
    if (bad) throw new CliError(bad.message, EXIT.usage, bad.hint);
    throw new CliError('No server given.', EXIT.usage, 'Name one with a URL, with -- <command> [args...], or with --config <file> --server <name>.');
  }
  if (named.length > 1) throw new CliError(`Two servers given (${named.map((t) => t.kind).join(' and ')}); name only one.`, EXIT.usage);

  let timeoutMs: number | undefined;
  if (v.timeout !== undefined) {
    timeoutMs = Number(v.timeout);
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new CliError(`--timeout must be a positive number of milliseconds, not "${v.timeout}".`, EXIT.usage);
  }
  const protocol = v.protocol ?? 'auto';
  if (!isProtocolChoice(protocol)) throw new CliError(`--protocol must be ${PROTOCOL_CHOICES.join(', ')}, not "${protocol}".`, EXIT.usage);
  let maxMessageBytes: number | undefined;
  if (v['max-message-size'] !== undefined) {
    maxMessageBytes = Number(v['max-message-size']);
    if (!Number.isInteger(maxMessageBytes) || maxMessageBytes <= 0) throw new CliError(`--max-message-size must be a positive number of bytes, not "${v['max-message-size']}".`, EXIT.usage);
  }
  let maxInputRounds: number | undefined;
  if (v['max-input-rounds'] !== undefined) {
    maxInputRounds = Number(v['max-input-rounds']);
    if (!Number.isInteger(maxInputRounds) || maxInputRounds <= 0) throw new CliError(`--max-input-rounds must be a positive whole number, not "${v['max-input-rounds']}".`, EXIT.usage);
  }
  const inputResponses: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(pairs(v['input-response'], '=', 'an answer', '--input-response'))) {
    try {
      inputResponses[key] = JSON.parse(text);
    } catch (e) {
      throw new CliError(`--input-response ${key}= is not valid JSON: ${(e as Error).message}.`, EXIT.usage, `Quote it for the shell, e.g. --input-response ${key}='{"action":"accept","content":{"confirm":true}}'.`);
    }
  }
  const logLevel = v['log-level'] as CommonArgs['logLevel'];
  if (logLevel && !LOG_LEVELS.includes(logLevel)) throw new CliError(`--log-level must be one of ${LOG_LEVELS.join(', ')}.`, EXIT.usage);
  if (v.record !== undefined && !v.record.trim()) throw new CliError('--record needs a file name.', EXIT.usage);
  return {
    target: named[0],
    positionals,
    timeoutMs,
    protocol,
    maxMessageBytes,
    maxInputRounds,
    inputResponses,
    record: v.record,
    logLevel,
    json: !!v.json,
    verbose: !!v.verbose,
    oauth: v['oauth-headless'] ? 'headless' : v.oauth ? 'loopback' : undefined,
  };
}

/** What is wrong with an operand that was meant as a URL (a bad scheme, or none), or undefined if it does not look like one. */
export function urlMistake(text: string): { message: string; hint: string } | undefined {
  const hostPort = /^(localhost|\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:]+\]|[a-z0-9-]+(\.[a-z0-9-]+)+)(:\d+)(\/.*)?$/i.exec(text);
  if (hostPort) return { message: `"${text}" has no scheme.`, hint: `Did you mean http://${text}? A URL starts with http:// or https://.` };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text);
  if (scheme && !/^[a-z]:[\\/]/i.test(text)) {
    const near = /^h?t?t?p?s?$/i.test(scheme[1]) || /^ht+ps?$/i.test(scheme[1]) || /^htp/i.test(scheme[1]);
    return { message: `"${text}" is not an http:// or https:// URL (its scheme is "${scheme[1]}:").`, hint: near ? `Did you mean http://${text.slice(scheme[0].length).replace(/^\/+/, '')}?` : 'MCP servers are reached over http:// or https://, or started as a command after --.' };
  }
  return undefined;
}

/** Reads a config target's file and resolves its variables; URL and command targets pass through. */
export async function resolveTargetSpec(spec: TargetSpec, prompt?: InputPrompter): Promise<ConnectTarget> {
  if (spec.kind === 'url') return { kind: 'http', url: spec.url, transport: spec.transport, headers: Object.keys(spec.headers).length ? spec.headers : undefined };
  if (spec.kind === 'command') return { kind: 'stdio', command: spec.command, args: spec.args, env: Object.keys(spec.env).length ? spec.env : undefined, cwd: spec.cwd };
  const file = resolve(spec.file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`Cannot read ${spec.file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}.`, EXIT.usage);
  }
  const parsed = readServerEntries(file, text);
  if (parsed.error) throw new CliError(`${spec.file}: ${parsed.error}.`, EXIT.usage);
  const entry = parsed.servers.find((s) => s.name === spec.server);
  if (!entry) {
    const names = parsed.servers.map((s) => `"${s.name}"`).join(', ');
    throw new CliError(`${spec.file} has no server named "${spec.server}".`, EXIT.usage, names ? `It has ${names}.` : 'It declares no servers.');
  }
  const target = await resolveServerEntry(entry, { file, inputs: parsed.inputs, inputValues: spec.inputValues, prompt });
  if (target.kind === 'stdio' && Object.keys(spec.env).length) target.env = { ...(target.env ?? {}), ...spec.env };
  if (target.kind === 'stdio' && spec.cwd) target.cwd = resolve(spec.cwd);
  if (target.kind === 'http' && Object.keys(spec.headers).length) target.headers = { ...(target.headers ?? {}), ...spec.headers };
  return target;
}

/** Parses `[json-args]`: a JSON object, or nothing. */
export function parseJsonArguments(text: string | undefined, what: string): Record<string, unknown> {
  if (text === undefined || text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new CliError(`The ${what} are not valid JSON: ${(e as Error).message}.`, EXIT.usage, `Quote them for the shell, e.g. '{"message": "hi"}'.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CliError(`The ${what} must be a JSON object, like '{"name": "value"}'.`, EXIT.usage);
  return value as Record<string, unknown>;
}
