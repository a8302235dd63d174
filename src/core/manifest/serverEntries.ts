// Extracts the MCP servers a config or manifest file declares, in one shape for every format.
// Shared by the Servers view, the CLI's --config/--server and the language server's code lenses.
import * as jsonc from 'jsonc-parser';
import { ConfigKind, SERVERS_KEY, detectKind } from './configKinds';
import { LineIndex, Position, describeSyntaxError, parseJsonc } from './jsonDocument';

export type TransportKind = 'stdio' | 'http' | 'sse';

export interface ServerEntry {
  name: string;
  transport: TransportKind;
  command?: string;
  args?: string[];
  env?: Record<string, string>;
  envFile?: string;
  cwd?: string;
  url?: string;
  headers?: Record<string, string>;
  /** Where the entry starts in its file (0-based), for code lenses and "reveal". */
  position?: Position;
  /** Set when the entry is recognisable but cannot be launched as written. */
  problem?: string;
  /** For server.json: which package or remote this came from. */
  origin?: string;
}

export interface ConfigFileServers {
  file: string;
  kind: ConfigKind | undefined;
  servers: ServerEntry[];
  /** A file that does not parse or has an unexpected shape: shown as an error, never as "no servers". */
  error?: string;
  /** `inputs` of a VS Code mcp.json, for ${input:...} resolution. */
  inputs?: InputDefinition[];
}

export interface InputDefinition {
  id: string;
  type?: string;
  description?: string;
  password?: boolean;
  default?: string;
  options?: string[];
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringArray(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.map((x) => String(x)) : undefined;
}

function stringRecord(v: unknown): Record<string, string> | undefined {
  if (!isObject(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) out[k] = val === null || val === undefined ? '' : String(val);
  return out;
}

function normaliseType(t: unknown): TransportKind | undefined {
  if (typeof t !== 'string') return undefined;
  const s = t.toLowerCase();
  if (s === 'stdio' || s === 'local') return 'stdio';
  if (s === 'http' || s === 'streamable-http' || s === 'streamablehttp' || s === 'streamable_http' || s === 'remote') return 'http';
  if (s === 'sse') return 'sse';
  return undefined;
}

/** One entry of a client config (`servers.x`, `mcpServers.x`), whichever client spelled it. */
function clientEntry(name: string, raw: unknown, kind: ConfigKind): ServerEntry {
  if (!isObject(raw)) return { name, transport: 'stdio', problem: 'entry is not an object' };
  const url = [raw.url, raw.serverUrl, raw.httpUrl].find((u) => typeof u === 'string') as string | undefined;
  let transport = normaliseType(raw.type ?? raw.transport);
  if (!transport) {
    if (typeof raw.httpUrl === 'string') transport = 'http';
    else if (url) transport = kind === 'gemini' ? 'sse' : 'http';
    else transport = 'stdio';
  }
  const entry: ServerEntry = {
    name,
    transport,
    command: typeof raw.command === 'string' ? raw.command : undefined,
    args: stringArray(raw.args),
    env: stringRecord(raw.env),
    envFile: typeof raw.envFile === 'string' ? raw.envFile : undefined,
    cwd: typeof raw.cwd === 'string' ? raw.cwd : undefined,
    url,
    headers: stringRecord(raw.headers),
  };
  if (entry.transport === 'stdio' && !entry.command) entry.problem = url ? 'has a url but type stdio' : 'no command';
  if (entry.transport !== 'stdio' && !entry.url) entry.problem = `type ${entry.transport} needs a url`;
  return entry;
}

/** Zed spells a server as `{ command: { path, args, env } }`, `{ command, args }` or `{ url }`. */
function zedEntry(name: string, raw: unknown): ServerEntry {
  if (!isObject(raw)) return { name, transport: 'stdio', problem: 'entry is not an object' };
  if (isObject(raw.command)) {
    const c = raw.command;
    return { name, transport: 'stdio', command: typeof c.path === 'string' ? c.path : undefined, args: stringArray(c.args), env: stringRecord(c.env) };
  }
  return clientEntry(name, raw, 'zed');
}

/** How a registry package is started by a client (runtime hint or the registry's usual runner). */
function packageCommand(pkg: Json): { command: string; args: string[] } | undefined {
  const id = typeof pkg.identifier === 'string' ? pkg.identifier : typeof pkg.name === 'string' ? pkg.name : undefined;
  if (!id) return undefined;
  const version = typeof pkg.version === 'string' ? pkg.version : undefined;
  const registry = String(pkg.registryType ?? pkg.registry_name ?? pkg.registryName ?? '').toLowerCase();
  const runtimeArgs = positionalValues(pkg.runtimeArguments);
  const packageArgs = positionalValues(pkg.packageArguments);
  const hint = typeof pkg.runtimeHint === 'string' ? pkg.runtimeHint : undefined;
  switch (registry) {
    case 'npm':
      return { command: hint ?? 'npx', args: [...(runtimeArgs.length ? runtimeArgs : ['-y']), version ? `${id}@${version}` : id, ...packageArgs] };
    case 'pypi':
      return { command: hint ?? 'uvx', args: [...runtimeArgs, version ? `${id}==${version}` : id, ...packageArgs] };
    case 'oci':
    case 'docker':
      return { command: hint ?? 'docker', args: ['run', '-i', '--rm', ...runtimeArgs, version && !id.includes(':') ? `${id}:${version}` : id, ...packageArgs] };
    case 'nuget':
      return { command: hint ?? 'dnx', args: [...runtimeArgs, version ? `${id}@${version}` : id, '--yes', ...packageArgs] };
    default:
      return hint ? { command: hint, args: [...runtimeArgs, id, ...packageArgs] } : undefined;
  }
}

function positionalValues(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  const out: string[] = [];
  for (const a of list) {
    if (!isObject(a)) continue;
    const value = typeof a.value === 'string' ? a.value : typeof a.default === 'string' ? a.default : undefined;
    if (a.type === 'named' && typeof a.name === 'string') {
      out.push(a.name);
      if (value !== undefined) out.push(value);
    } else if (value !== undefined) out.push(value);
    else if (typeof a.valueHint === 'string') out.push(`<${a.valueHint}>`);
  }
  return out;
}

function serverJsonEntries(doc: Json): ServerEntry[] {
  const base = typeof doc.name === 'string' ? doc.name : 'server';
  const out: ServerEntry[] = [];
  const packages = Array.isArray(doc.packages) ? doc.packages : [];
  packages.forEach((pkg, i) => {
    if (!isObject(pkg)) return;
    const transport = isObject(pkg.transport) ? normaliseType(pkg.transport.type) ?? 'stdio' : 'stdio';
    const registry = String(pkg.registryType ?? pkg.registry_name ?? 'package');
    const name = packages.length > 1 ? `${base} (${registry})` : base;
    const origin = `packages[${i}]`;
    if (transport !== 'stdio') {
      const url = isObject(pkg.transport) && typeof pkg.transport.url === 'string' ? pkg.transport.url : undefined;
      out.push({ name, transport, url, origin, problem: url ? undefined : `type ${transport} needs a url` });
      return;
    }
    const cmd = packageCommand(pkg);
    const env: Record<string, string> = {};
    if (Array.isArray(pkg.environmentVariables)) {
      for (const v of pkg.environmentVariables) {
        if (isObject(v) && typeof v.name === 'string') env[v.name] = typeof v.value === 'string' ? v.value : typeof v.default === 'string' ? v.default : '';
      }
    }
    out.push({ name, transport: 'stdio', command: cmd?.command, args: cmd?.args, env: Object.keys(env).length ? env : undefined, origin, problem: cmd ? undefined : `unknown registry type "${registry}"` });
  });
  const remotes = Array.isArray(doc.remotes) ? doc.remotes : [];
  remotes.forEach((r, i) => {
    if (!isObject(r)) return;
    const transport = normaliseType(r.type ?? r.transport_type) ?? 'http';
    const headers: Record<string, string> = {};
    if (Array.isArray(r.headers)) for (const h of r.headers) if (isObject(h) && typeof h.name === 'string') headers[h.name] = typeof h.value === 'string' ? h.value : '';
    out.push({ name: `${base} (remote ${transport})`, transport, url: typeof r.url === 'string' ? r.url : undefined, headers: Object.keys(headers).length ? headers : undefined, origin: `remotes[${i}]` });
  });
  return out;
}

function mcpbEntries(doc: Json): ServerEntry[] {
  const server = isObject(doc.server) ? doc.server : undefined;
  const cfg = server && isObject(server.mcp_config) ? server.mcp_config : undefined;
  const name = typeof doc.name === 'string' ? doc.name : 'bundle';
  if (!cfg) return [{ name, transport: 'stdio', problem: 'server.mcp_config is missing' }];
  return [{ name, transport: 'stdio', command: typeof cfg.command === 'string' ? cfg.command : undefined, args: stringArray(cfg.args), env: stringRecord(cfg.env), origin: 'server.mcp_config' }];
}

function inputsOf(doc: Json): InputDefinition[] | undefined {
  if (!Array.isArray(doc.inputs)) return undefined;
  return doc.inputs.filter(isObject).map((i) => ({
    id: String(i.id ?? ''),
    type: typeof i.type === 'string' ? i.type : undefined,
    description: typeof i.description === 'string' ? i.description : undefined,
    password: i.password === true,
    default: typeof i.default === 'string' ? i.default : undefined,
    options: stringArray(i.options),
  }));
}

/** Parses a config or manifest file's text and lists its servers. Never throws. */
export function readServerEntries(file: string, text: string, forcedKind?: ConfigKind): ConfigFileServers {
  try {
    return serverEntriesOf(file, text, forcedKind);
  } catch (e) {
    // The parser recurses once per nesting level: thousands of levels exhaust the stack.
    return { file, kind: forcedKind, servers: [], error: e instanceof RangeError ? 'Cannot read: the JSON is nested too deeply' : `Cannot read: ${(e as Error).message}` };
  }
}

function serverEntriesOf(file: string, text: string, forcedKind?: ConfigKind): ConfigFileServers {
  const parsed = parseJsonc(text);
  if (parsed.errors.length > 0 && parsed.value === undefined) {
    return { file, kind: forcedKind, servers: [], error: `Cannot parse: ${describeSyntaxError(parsed.errors[0])}` };
  }
  if (parsed.errors.length > 0) {
    const kind = forcedKind ?? detectKind(file, parsed.value);
    return { file, kind, servers: [], error: `Cannot parse: ${describeSyntaxError(parsed.errors[0])}` };
  }
  const kind = forcedKind ?? detectKind(file, parsed.value);
  if (!isObject(parsed.value)) {
    return { file, kind, servers: [], error: text.trim() === '' ? 'File is empty' : 'Expected a JSON object at the top level' };
  }
  if (!kind) return { file, kind, servers: [], error: 'Not a recognised MCP config or manifest' };
  const doc = parsed.value;
  const index = new LineIndex(text);
  let servers: ServerEntry[];
  if (kind === 'server-json') servers = serverJsonEntries(doc);
  else if (kind === 'mcpb') servers = mcpbEntries(doc);
  else {
    const key = SERVERS_KEY[kind]!;
    // Accept a neighbouring client's root key so a misplaced file still shows its servers (the LS flags it).
    const foundKey = [key, 'servers', 'mcpServers', 'context_servers'].find((k) => isObject(doc[k]));
    if (!foundKey) {
      return { file, kind, servers: [], inputs: inputsOf(doc), error: doc[key] !== undefined ? `"${key}" must be an object` : undefined };
    }
    const table = doc[foundKey] as Json;
    servers = Object.entries(table).map(([name, raw]) => {
      const entry = kind === 'zed' ? zedEntry(name, raw) : clientEntry(name, raw, kind);
      const node = parsed.root ? jsonc.findNodeAtLocation(parsed.root, [foundKey, name]) : undefined;
      if (node?.parent) entry.position = index.positionAt(node.parent.offset);
      return entry;
    });
  }
  if (kind === 'server-json' || kind === 'mcpb') {
    for (const s of servers) {
      const pathParts = (s.origin ?? '').split(/[.[\]]/).filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      const node = parsed.root && pathParts.length ? jsonc.findNodeAtLocation(parsed.root, pathParts) : undefined;
      if (node) s.position = index.positionAt(node.offset);
    }
  }
  return { file, kind, servers, inputs: inputsOf(doc) };
}

/** A short human description of how a server is reached: the command line or the URL. */
export function describeEndpoint(s: ServerEntry): string {
  if (s.transport === 'stdio') return [s.command ?? '?', ...(s.args ?? [])].join(' ');
  return s.url ?? '?';
}
