// Checks for client configs (VS Code, Claude Code, Claude Desktop, Cursor, Windsurf, Gemini CLI, Zed): the
// root key, keys the client does not read, transport shape, ${input:} and variable syntax, secrets, and
// command lines crammed into one string.
import { CLIENT_FORMATS, ClientFormat, ClientKind, FOREIGN_KEYS, GEMINI_EXTENSION_ROOT_KEYS, GEMINI_SETTINGS_ROOT_KEYS } from '../clientFormats';
import { JsonPath, toPointer } from '../manifestDiagnostic';
import { CheckContext, Json, didYouMean, isObject, properties } from '../manifestDocument';
import { splitCommandLine } from './commandLine';
import { geminiMcpSection, geminiRootKey, geminiServerChecks } from './geminiChecks';
import { secretChecks } from './secretChecks';

const ROOT_KEYS = ['servers', 'mcpServers', 'context_servers', 'mcp_servers', 'mcp-servers'];
/** Words people write for a key that spelling distance alone would not connect to it. */
const SYNONYMS: Record<string, string> = {
  environment: 'env', enviroment: 'env', environmentvariables: 'env', env_vars: 'env', envvars: 'env', variables: 'env',
  arguments: 'args', argv: 'args', arg: 'args', cmd: 'command', executable: 'command', program: 'command',
  endpoint: 'url', uri: 'url', working_directory: 'cwd', workingdirectory: 'cwd', workdir: 'cwd', transport: 'type', transporttype: 'type',
};

function meantKey(key: string, known: string[]): string | undefined {
  const synonym = SYNONYMS[key.toLowerCase()];
  if (synonym && known.includes(synonym)) return synonym;
  return didYouMean(key, known);
}
/** The keys that start or reach a server. */
const ESSENTIAL_KEYS = ['command', 'args', 'url', 'serverUrl', 'httpUrl'];
/** Other clients' names for the Streamable HTTP transport. */
const FOREIGN_TYPES: Record<string, string> = { 'streamable-http': 'the server.json spelling', streamableHttp: 'how Cline spells it' };
const SHELLS = /(^|[\\/])(sh|bash|zsh|fish|dash|cmd(\.exe)?|powershell(\.exe)?|pwsh(\.exe)?)$/i;

export function clientChecks(ctx: CheckContext): void {
  const doc = ctx.value;
  if (!isObject(doc)) return;
  const f = CLIENT_FORMATS[ctx.doc.kind as ClientKind];
  const rootKey = f.rootKey;
  rootKeyCheck(ctx, doc, f);
  const servers = doc[rootKey];
  if (servers === undefined) return;
  if (Array.isArray(servers)) return serversAsArray(ctx, f, servers);
  if (!isObject(servers)) return; // the schema reports the type
  const inputs = ctx.doc.kind === 'vscode-mcp' ? inputChecks(ctx, doc) : undefined;
  if (ctx.doc.kind === 'gemini') geminiMcpSection(ctx, doc, servers);
  const hasDollar = dollarFinder(ctx.doc.text);
  // The plain value drives the walk; tree nodes are looked up only for what gets reported.
  for (const name of Object.keys(servers)) {
    const at: JsonPath = [rootKey, name];
    const entry = servers[name];
    if (!isObject(entry)) {
      ctx.report('not-an-object', at, `Server "${name}" must be an object.`, { replacesSchema: true });
      continue;
    }
    serverChecks(ctx, f, name, entry, at);
    if (f.kind === 'gemini') geminiServerChecks(ctx, entry, at);
    const node = ctx.node(at);
    if (!node || hasDollar(node.offset, node.offset + node.length)) variableChecks(ctx, f, entry, at, inputs);
    secretChecks(ctx, f, name, entry, at);
  }
  if (inputs) unusedInputs(ctx, inputs);
}

/** An entry a client could start or reach: it has a command or a URL. */
function looksLikeServer(v: unknown): boolean {
  return isObject(v) && ['command', 'url', 'serverUrl', 'httpUrl', 'source'].some((k) => v[k] !== undefined);
}

/**
 * The file has nothing under the client's root key, so the client loads no server from it. Says where the
 * servers are (another client's key, a misspelling, a wrapper object, the top level) and offers the move.
 */
function noServersCheck(ctx: CheckContext, doc: Json, f: ClientFormat, allowed: readonly string[]): void {
  const what = `${f.docs} reads its servers from "${f.rootKey}"`;
  const keys = Object.keys(doc);
  const renamed = keys.find((k) => ROOT_KEYS.includes(k)) ?? keys.find((k) => !allowed.includes(k) && isObject(doc[k]) && meantKey(k, [f.rootKey]) === f.rootKey);
  if (renamed) {
    const fix = ctx.renameKeyFix(`Rename to "${f.rootKey}"`, [renamed], f.rootKey);
    ctx.report('client-root-key', [renamed], `${what}, not "${renamed}"; no server in this file is loaded.`, { on: 'key', fixes: fix ? [fix] : [], replacesSchema: true });
    return;
  }
  // { "mcp": { "servers": {...} } }: a settings.json layout pasted into a file of its own.
  const wrapper = keys.find((k) => isObject(doc[k]) && ROOT_KEYS.some((r) => isObject((doc[k] as Json)[r])));
  if (wrapper) {
    const inner = doc[wrapper] as Json;
    const innerKey = ROOT_KEYS.find((r) => isObject(inner[r]))!;
    const fix = ctx.multiFix(`Move "${wrapper}.${innerKey}" to the top level as "${f.rootKey}"`, [{ path: [f.rootKey], value: inner[innerKey] }, { path: [wrapper], value: undefined }], true);
    ctx.report('client-root-key', [wrapper], `${what} at the top level; servers under "${wrapper}.${innerKey}" are not loaded.`, { on: 'key', fixes: [fix], replacesSchema: true });
    return;
  }
  const topLevel = keys.filter((k) => !allowed.includes(k) && looksLikeServer(doc[k]));
  if (topLevel.length) {
    const ops = [{ path: [f.rootKey], value: Object.fromEntries(topLevel.map((k) => [k, doc[k]])) }, ...topLevel.map((k) => ({ path: [k], value: undefined }))];
    const fix = ctx.multiFix(`Move ${topLevel.length === 1 ? `"${topLevel[0]}"` : `the ${topLevel.length} servers`} under "${f.rootKey}"`, ops, true);
    for (const k of topLevel) {
      ctx.report('client-root-key', [k], `${what}; "${k}" is at the top level and is not loaded.`, { on: 'key', fixes: [fix], replacesSchema: true });
    }
    return;
  }
  // Settings files hold much else (Claude Desktop's preferences, Gemini's and Zed's editor settings); a file that
  // only configures MCP servers and has other keys loads nothing.
  const unknown = keys.filter((k) => !allowed.includes(k));
  if (unknown.length && f.kind !== 'gemini' && f.kind !== 'zed' && f.kind !== 'claude-desktop') {
    ctx.report('client-root-key', [unknown[0]], `${what}; this file has no "${f.rootKey}", so no server is loaded from it.`, { on: 'key', replacesSchema: true });
  }
}

/** `"mcpServers": [{ "name": "x", ... }]`: the client reads servers by name from an object and loads none from a list. */
function serversAsArray(ctx: CheckContext, f: ClientFormat, list: unknown[]): void {
  const entries = list.map((s) => (isObject(s) && typeof s.name === 'string' && s.name !== '' ? s : undefined));
  const names = new Set(entries.map((e) => e?.name));
  // The fix is evident only when every item names itself, and no two share a name.
  const evident = entries.every((e) => e) && names.size === entries.length;
  const byName = evident ? Object.fromEntries(entries.map((e) => { const { name, ...entry } = e!; return [name as string, entry]; })) : undefined;
  const fixes = byName ? [ctx.setFix('Key the servers by their "name"', [f.rootKey], byName, true)] : [];
  ctx.report('client-root-key', [f.rootKey], `"${f.rootKey}" must be an object with one entry per server name; ${f.docs} loads no server from a list.`, { fixes, replacesSchema: true });
}

function rootKeyCheck(ctx: CheckContext, doc: Json, f: ClientFormat): void {
  const kind = ctx.doc.kind;
  const allowed = f.rootKeys ? [f.rootKey, ...f.rootKeys] : kind === 'gemini' ? (ctx.doc.variant === 'gemini-extension' ? GEMINI_EXTENSION_ROOT_KEYS : GEMINI_SETTINGS_ROOT_KEYS) : undefined;
  if (doc[f.rootKey] === undefined) noServersCheck(ctx, doc, f, allowed ?? [f.rootKey]);
  if (!allowed) return;
  for (const [key] of properties(ctx.doc.root)) {
    if (allowed.includes(key) || ctx.replacesSchema.has(toPointer([key]))) continue;
    const meant = didYouMean(key, allowed);
    const fix = meant ? ctx.renameKeyFix(`Rename to "${meant}"`, [key], meant) : undefined;
    if (ctx.doc.variant === 'gemini-extension') {
      ctx.report('unknown-key', [key], `"${key}" is not a gemini-extension.json key${meant ? `; did you mean "${meant}"?` : '.'}`, { on: 'key', fixes: fix ? [fix] : [] });
    } else if (kind === 'gemini') {
      geminiRootKey(ctx, key, meant, fix);
    } else {
      ctx.report('client-unknown-root-key', [key], `"${key}" is not allowed at the top level of ${f.docs}${meant ? `; did you mean "${meant}"?` : '.'}`, { on: 'key', fixes: fix ? [fix] : [], replacesSchema: true });
    }
  }
}

function declaredTransport(entry: Json): 'stdio' | 'http' | 'sse' | undefined {
  const t = typeof entry.type === 'string' ? entry.type : undefined;
  if (t === 'stdio') return 'stdio';
  // A WebSocket server (Claude Code's "ws") is reached by its url, like an HTTP one.
  if (t === 'http' || t === 'streamable-http' || t === 'streamableHttp' || t === 'ws') return 'http';
  if (t === 'sse') return 'sse';
  return undefined;
}

function serverChecks(ctx: CheckContext, f: ClientFormat, name: string, entry: Json, at: JsonPath): void {
  const kind = f.kind;
  const strictKeys = kind === 'vscode-mcp' || kind === 'gemini';
  // Keys
  for (const key of Object.keys(entry)) {
    if (f.serverKeys.includes(key)) continue;
    const keyPath = [...at, key];
    const foreign = FOREIGN_KEYS[key];
    if (foreign && f.urlKey && f.urlKey !== key) {
      const fix = ctx.renameKeyFix(`Rename to "${f.urlKey}"`, keyPath, f.urlKey);
      // Ignored where the entry still has a command or its own url; fatal where it was the only way to the server.
      const stranded = strictKeys || (entry[f.urlKey] === undefined && entry.command === undefined);
      ctx.report('client-foreign-key', keyPath, `"${key}" is how ${foreign.client} spells it; ${f.docs} reads "${f.urlKey}"${stranded ? '' : ' and ignores this key'}.`, {
        on: 'key',
        severity: stranded ? 'error' : 'warning',
        fixes: fix ? [fix] : [],
        replacesSchema: true,
      });
      continue;
    }
    if (foreign && !f.urlKey) {
      ctx.report('client-remote-unsupported', keyPath, `${f.docs} starts local commands only: "${key}" entries are not supported here (add remote servers as connectors in the app, or run them through a stdio bridge such as mcp-remote).`, { on: 'key' });
      continue;
    }
    if (key === 'sandbox' && f.rootKeys?.includes('sandbox')) {
      sandboxInServer(ctx, f, keyPath, entry.sandbox);
      continue;
    }
    const meant = meantKey(key, f.serverKeys);
    if (meant) {
      const fix = ctx.renameKeyFix(`Rename to "${meant}"`, keyPath, meant);
      // Without its command, args or url the client cannot run the server as written; another lost setting is
      // an error only where the schema is strict.
      const fatal = strictKeys || ESSENTIAL_KEYS.includes(meant);
      ctx.report('client-key-typo', keyPath, `"${key}" is not a ${f.docs} server key${fatal ? '' : ' and is ignored'}; did you mean "${meant}"?`, {
        on: 'key',
        severity: fatal ? 'error' : 'warning',
        fixes: fix ? [fix] : [],
        replacesSchema: true,
      });
    } else {
      ctx.report('client-unknown-key', keyPath, `"${key}" is not a ${f.docs} server key${strictKeys ? '' : ' and is ignored'}.`, {
        on: 'key',
        severity: strictKeys ? 'error' : 'warning',
        fixes: [ctx.setFix(`Remove "${key}"`, keyPath, undefined)],
        replacesSchema: true,
      });
    }
  }
  // Another client's spelling of the transport type.
  const foreignType = typeof entry.type === 'string' ? FOREIGN_TYPES[entry.type] : undefined;
  if (foreignType && f.types?.includes('http') && !f.types.includes(entry.type as string)) {
    // VS Code's schema refuses it; elsewhere the documented spelling is "http".
    ctx.report('client-foreign-key', [...at, 'type'], `"${String(entry.type)}" is ${foreignType}; ${f.docs} calls this transport "http".`, {
      severity: strictKeys ? 'error' : 'warning',
      fixes: [ctx.setFix('Use "http"', [...at, 'type'], 'http', true)],
      replacesSchema: true,
    });
  }
  const url = [f.urlKey ?? 'url', 'url', 'serverUrl', 'httpUrl'].map((k) => entry[k]).find((u) => typeof u === 'string') as string | undefined;
  const hasUrl = url !== undefined;
  const command = entry.command;
  const hasCommand = typeof command === 'string' ? command.trim() !== '' : isObject(command);
  const t = declaredTransport(entry);
  // A Zed server provided by an extension has no command: the extension starts it, configured by "settings".
  const zedExtension = kind === 'zed' && entry.source !== 'custom' && entry.command === undefined;
  if (kind === 'zed' || kind === 'windsurf' || kind === 'gemini' || kind === 'cursor') {
    if (!hasCommand && !hasUrl && entry.tcp === undefined && !zedExtension) ctx.report('client-no-command', at, `Server "${name}" has neither a "command" nor a "${f.urlKey ?? 'url'}", so the client cannot start or reach it.`, { on: 'key' });
    else if (t === 'stdio' && !hasCommand) ctx.report('client-no-command', at, `Server "${name}" is "stdio" but has no "command".`, { on: 'key' });
  } else if (kind === 'claude-desktop') {
    if (!hasCommand && !hasUrl) ctx.report('client-no-command', at, `Server "${name}" has no "command".`, { on: 'key' });
    else if (!hasCommand && hasUrl) ctx.report('client-no-command', at, `Server "${name}" has no "command": Claude Desktop starts local commands only; remote URLs are added as connectors in the app.`, { on: 'key' });
  } else {
    // VS Code and Claude Code: "type" decides; without it VS Code reads an entry with a command as stdio and
    // one with only a url as http, and Claude Code reads every entry as stdio.
    const effective = t ?? (hasUrl && !hasCommand && kind === 'vscode-mcp' ? 'http' : 'stdio');
    if (effective === 'stdio' && !hasCommand) {
      if (hasUrl && kind === 'claude-code') {
        ctx.report('client-no-command', at, `Server "${name}" has a "url" but no "type": Claude Code reads it as a stdio server, which has no command. Add "type": "http" (or "sse").`, {
          on: 'key',
          fixes: [ctx.setFix('Add "type": "http"', [...at, 'type'], 'http', true)],
        });
      } else if (!hasUrl) {
        ctx.report('client-no-command', at, `Server "${name}" has no "command" (and no "url"), so it cannot be started.`, { on: 'key', replacesSchema: true });
      }
    }
    if (effective === 'stdio' && hasUrl && hasCommand) {
      ctx.report('client-stdio-url', [...at, 'url'], `Server "${name}" is a stdio server (it has a "command"${t ? ' and "type": "stdio"' : ''}); its "url" is not used.`, {
        on: 'key',
        severity: strictKeys ? 'error' : 'warning',
        fixes: [ctx.setFix('Remove "url"', [...at, 'url'], undefined, true)],
        replacesSchema: true,
      });
    }
    if ((effective === 'http' || effective === 'sse') && !hasUrl) {
      ctx.report('client-http-no-url', at, `Server "${name}" has "type": "${String(entry.type)}" but no "url".`, { on: 'key', replacesSchema: true });
    }
  }
  // Streamable-HTTP-only keys pointed at an SSE endpoint (and the reverse, as a hint).
  if (kind === 'gemini' && typeof entry.httpUrl === 'string' && /\/sse\/?(\?.*)?$/.test(entry.httpUrl)) {
    const fix = ctx.renameKeyFix('Use "url" (tries Streamable HTTP, then SSE)', [...at, 'httpUrl'], 'url');
    ctx.report('client-sse-endpoint', [...at, 'httpUrl'], `"httpUrl" always uses Streamable HTTP, but "${entry.httpUrl}" looks like an SSE endpoint; use "url" for SSE servers.`, { severity: 'error', fixes: fix ? [fix] : [] });
  }
  if (entry.type === 'sse' && typeof entry.url === 'string' && /\/mcp\/?(\?.*)?$/.test(entry.url)) {
    ctx.report('client-sse-endpoint', [...at, 'type'], `"${entry.url}" looks like a Streamable HTTP endpoint (/mcp) but the type is "sse".`, {
      severity: 'info',
      fixes: f.types?.includes('http') ? [ctx.setFix('Use "http"', [...at, 'type'], 'http')] : [],
    });
  }
  if (f.transportKeys) transportKeyChecks(ctx, f, entry, at, t ?? (hasCommand || !hasUrl ? 'stdio' : 'http'), strictKeys);
  argsChecks(ctx, entry, at);
}

/** VS Code reads "sandbox" once, at the top level, for every server with "sandboxEnabled". */
function sandboxInServer(ctx: CheckContext, f: ClientFormat, keyPath: JsonPath, sandbox: unknown): void {
  const topLevel = isObject(ctx.value) && ctx.value.sandbox !== undefined;
  const fixes = topLevel ? [] : [ctx.multiFix('Move "sandbox" to the top level', [{ path: keyPath, value: undefined }, { path: ['sandbox'], value: sandbox }], true)];
  ctx.report('client-unknown-key', keyPath, `${f.docs} reads "sandbox" at the top level, for every server with "sandboxEnabled"; here it is not read.`, { on: 'key', severity: 'error', fixes, replacesSchema: true });
}

/** Keys the client reads only for the other transport (VS Code's schema has one entry shape per transport). */
function transportKeyChecks(ctx: CheckContext, f: ClientFormat, entry: Json, at: JsonPath, transport: 'stdio' | 'http' | 'sse', strict: boolean): void {
  const read = f.transportKeys![transport === 'stdio' ? 'stdio' : 'http'];
  for (const key of Object.keys(entry)) {
    // An unknown key and a url on a stdio server have their own findings.
    if (read.includes(key) || !f.serverKeys.includes(key) || key === 'url') continue;
    const keyPath = [...at, key];
    ctx.report('client-unknown-key', keyPath, `${f.docs} does not read "${key}" on ${transport === 'stdio' ? 'a stdio' : `an ${transport}`} server${strict ? '' : '; it is ignored'}.`, {
      on: 'key',
      severity: strict ? 'error' : 'warning',
      fixes: [ctx.setFix(`Remove "${key}"`, keyPath, undefined)],
      replacesSchema: true,
    });
  }
}

function argsChecks(ctx: CheckContext, entry: Json, at: JsonPath): void {
  const args = entry.args;
  if (typeof args === 'string') {
    const parts = splitCommandLine(args);
    ctx.report('client-args-one-string', [...at, 'args'], '"args" must be an array with one item per argument, not one string.', {
      fixes: [ctx.setFix(`Split into ${parts.length} argument${parts.length === 1 ? '' : 's'}`, [...at, 'args'], parts, true)],
      replacesSchema: true,
    });
  } else if (Array.isArray(args)) {
    const shell = typeof entry.command === 'string' && SHELLS.test(entry.command.trim());
    args.forEach((a, i) => {
      if (typeof a !== 'string' || shell) return;
      // "--port 3000" or "-y @scope/pkg" in one item: the program receives one argument with a space in it.
      const m = /^(--?[A-Za-z][\w-]*)\s+(\S.*)$/.exec(a);
      if (!m || m[1].includes('=')) return;
      const parts = splitCommandLine(a);
      const next = [...args.slice(0, i), ...parts, ...args.slice(i + 1)];
      ctx.report('client-args-one-string', [...at, 'args', i], `"${a}" is passed as one argument with a space inside; write each part as its own item.`, {
        severity: 'warning',
        fixes: [ctx.setFix(`Split into ${parts.map((p) => `"${p}"`).join(', ')}`, [...at, 'args'], next, true)],
      });
    });
  }
  const command = entry.command;
  if (typeof command === 'string' && /\s/.test(command.trim()) && !/^["']/.test(command.trim())) {
    const parts = splitCommandLine(command.trim());
    // A path with spaces (C:\Program Files\...) is a legitimate command; a program name with arguments is not.
    if (parts.length > 1 && !/[\\/]/.test(parts[0]) && parts.slice(1).every((p) => !/[\\/]/.test(p) || p.startsWith('-') || p.startsWith('@') || p.includes('.'))) {
      const rest = Array.isArray(entry.args) ? entry.args : [];
      ctx.report('client-command-line', [...at, 'command'], `"command" holds a whole command line; the client looks for a program named "${command.trim()}".`, {
        fixes: [ctx.multiFix(`Use "${parts[0]}" with the rest in "args"`, [{ path: [...at, 'command'], value: parts[0] }, { path: [...at, 'args'], value: [...parts.slice(1), ...rest] }], true)],
      });
    }
  }
}

interface InputInfo {
  ids: Map<string, number>;
  used: Set<string>;
}

function inputChecks(ctx: CheckContext, doc: Json): InputInfo {
  const ids = new Map<string, number>();
  const list = Array.isArray(doc.inputs) ? doc.inputs : [];
  list.forEach((inp, i) => {
    if (!isObject(inp) || typeof inp.id !== 'string') return;
    if (ids.has(inp.id)) {
      ctx.report('client-input-duplicate', ['inputs', i, 'id'], `Input id "${inp.id}" is already defined by inputs[${ids.get(inp.id)}]; \${input:${inp.id}} is ambiguous.`, {
        fixes: [ctx.setFix('Remove this duplicate input', ['inputs', i], undefined)],
      });
    } else ids.set(inp.id, i);
  });
  return { ids, used: new Set() };
}

function unusedInputs(ctx: CheckContext, inputs: InputInfo): void {
  for (const [id, i] of inputs.ids) {
    if (!inputs.used.has(id)) {
      ctx.report('client-input-unused', ['inputs', i, 'id'], `Input "${id}" is never referenced as \${input:${id}}.`, { fixes: [ctx.setFix('Remove the unused input', ['inputs', i], undefined)] });
    }
  }
}

/** Whether the text has a "$" between two offsets: most servers have none and skip the variable walk. */
function dollarFinder(text: string): (from: number, to: number) => boolean {
  const offsets: number[] = [];
  for (let i = text.indexOf('$'); i !== -1; i = text.indexOf('$', i + 1)) offsets.push(i);
  return (from, to) => {
    let lo = 0;
    let hi = offsets.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (offsets[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < offsets.length && offsets[lo] < to;
  };
}

/** Calls `visit` for every string in a value that contains `needle`, with a copy of its path. */
function stringsWith(v: unknown, needle: string, at: JsonPath, visit: (s: string, p: JsonPath) => void): void {
  if (typeof v === 'string') {
    if (v.includes(needle)) visit(v, [...at]);
  } else if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      at.push(i);
      stringsWith(v[i], needle, at, visit);
      at.pop();
    }
  } else if (isObject(v)) {
    for (const k in v) {
      at.push(k);
      stringsWith(v[k], needle, at, visit);
      at.pop();
    }
  }
}

function variableChecks(ctx: CheckContext, f: ClientFormat, entry: Json, at: JsonPath, inputs: InputInfo | undefined): void {
  const shell = typeof entry.command === 'string' && SHELLS.test(entry.command.trim());
  stringsWith(entry, '$', [...at], (s, p) => {
    // ${input:id}
    for (const m of s.matchAll(/\$\{input:([^}]*)\}/g)) {
      if (!inputs) break;
      const id = m[1];
      inputs.used.add(id);
      if (!inputs.ids.has(id)) {
        const secret = /key|token|secret|password|pat\b/i.test(id);
        const input = { type: 'promptString', id, description: id, ...(secret ? { password: true } : {}) };
        const hasList = isObject(ctx.value) && Array.isArray(ctx.value.inputs);
        const fix = hasList
          ? ctx.multiFix(`Add a promptString input "${id}"`, [{ path: ['inputs', -1], value: input, arrayInsert: true }], true)
          : ctx.setFix(`Add a promptString input "${id}"`, ['inputs'], [input], true);
        ctx.report('client-input-undefined', p, `\${input:${id}} refers to no entry in "inputs".`, { fixes: [fix] });
      }
    }
    const inArgs = p[2] === 'args';
    const field = String(p[2]);
    if (f.shellKeys?.includes(field)) return;
    if (f.expandsIn && !f.expandsIn.includes(field)) {
      if (/\$\{[^}]*\}/.test(s)) ctx.report('client-variable-syntax', p, `${f.docs} expands variables only in ${f.expandsIn.join(', ')}; "${field}" reaches the client literally.`);
      return;
    }
    let expanded = s;
    for (const re of f.expands) expanded = expanded.replace(new RegExp(re.source, 'g'), '');
    if (f.kind === 'vscode-mcp') expanded = expanded.replace(/\$\{input:[^}]*\}/g, '');
    const refs = [...expanded.matchAll(/\$\{([^}]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g)];
    for (const m of refs) {
      if (m[2] && shell && inArgs) continue; // the shell expands $VAR itself
      const raw = m[0];
      const name = (m[1] ?? m[2]).replace(/^env:/, '').replace(/:-.*$/, '');
      const isEnvName = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
      const better = isEnvName && f.envRef ? f.envRef(name) : undefined;
      const message = f.expands.length === 0 && f.kind !== 'vscode-mcp'
        ? `${f.docs} does not expand variables: "${raw}" reaches the server literally.`
        : `${f.docs} does not expand "${raw}"${better ? `; write "${better}"` : ''}.`;
      ctx.report('client-variable-syntax', p, message, {
        fixes: better && better !== raw ? [ctx.setFix(`Use "${better}"`, p, s.replace(raw, better), true)] : [],
      });
    }
  });
}
