// Turns a configured server (ServerEntry) or an ad-hoc command/URL into the core's ConnectTarget, resolving
// VS Code's variables (${workspaceFolder}, ${env:X}, ${userHome}, ${input:id} asked once per panel).
import * as vscode from 'vscode';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ConnectTarget } from '../../core/client';
import type { InputDefinition, ServerEntry } from '../../core/manifest/serverEntries';
import type { PanelTarget } from '../../shared/inspectorProtocol';

export interface ResolveContext {
  folder?: vscode.WorkspaceFolder;
  inputs?: InputDefinition[];
  /** Answers to ${input:id} already given for this panel. */
  answers: Map<string, string>;
}

export class TargetResolutionError extends Error {}

const VAR = /\$\{([^}]+)\}/g;

export async function resolveVariables(text: string, ctx: ResolveContext): Promise<string> {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(VAR)) {
    out += text.slice(last, m.index) + (await variable(m[1], ctx));
    last = m.index! + m[0].length;
  }
  return out + text.slice(last);
}

async function variable(name: string, ctx: ResolveContext): Promise<string> {
  const folder = ctx.folder ?? vscode.workspace.workspaceFolders?.[0];
  if (name === 'workspaceFolder' || name === 'cwd') {
    if (!folder) throw new TargetResolutionError(`\${${name}} needs an open workspace folder.`);
    return folder.uri.fsPath;
  }
  if (name === 'workspaceFolderBasename') return folder?.name ?? '';
  if (name === 'userHome') return os.homedir();
  if (name === 'pathSeparator' || name === '/') return path.sep;
  if (name.startsWith('env:')) return process.env[name.slice(4)] ?? '';
  if (name.startsWith('input:')) {
    const id = name.slice(6);
    const known = ctx.answers.get(id);
    if (known !== undefined) return known;
    const def = ctx.inputs?.find((i) => i.id === id);
    const answer = def?.options?.length
      ? await vscode.window.showQuickPick(def.options, { title: def.description ?? id, ignoreFocusOut: true })
      : await vscode.window.showInputBox({ title: def?.description ?? `Value for \${input:${id}}`, password: def?.password, value: def?.default, ignoreFocusOut: true });
    if (answer === undefined) throw new TargetResolutionError(`No value was given for \${input:${id}}.`);
    ctx.answers.set(id, answer);
    return answer;
  }
  throw new TargetResolutionError(`The variable \${${name}} is not supported by the inspector.`);
}

async function record(r: Record<string, string> | undefined, ctx: ResolveContext): Promise<Record<string, string> | undefined> {
  if (!r) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(r)) out[k] = await resolveVariables(v, ctx);
  return out;
}

export async function targetFromEntry(entry: ServerEntry, ctx: ResolveContext): Promise<ConnectTarget> {
  if (entry.problem) throw new TargetResolutionError(`The server "${entry.name}" cannot be started as written: ${entry.problem}.`);
  if (entry.transport === 'stdio') {
    const command = await resolveVariables(entry.command ?? '', ctx);
    const base = ctx.folder?.uri.fsPath ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const cwdRaw = entry.cwd ? await resolveVariables(entry.cwd, ctx) : base;
    const cwd = cwdRaw && base && !path.isAbsolute(cwdRaw) ? path.resolve(base, cwdRaw) : cwdRaw;
    const envFile = entry.envFile ? await resolveVariables(entry.envFile, ctx) : undefined;
    return {
      kind: 'stdio',
      command,
      args: await Promise.all((entry.args ?? []).map((a) => resolveVariables(a, ctx))),
      env: await record(entry.env, ctx),
      envFile: envFile && base && !path.isAbsolute(envFile) ? path.resolve(base, envFile) : envFile,
      cwd,
      name: entry.name,
    };
  }
  return {
    kind: 'http',
    url: await resolveVariables(entry.url ?? '', ctx),
    transport: entry.transport === 'sse' ? 'sse' : 'auto',
    headers: await record(entry.headers, ctx),
    name: entry.name,
  };
}

/** Splits a command line typed by the user into command and arguments (quotes group words). */
export function splitCommandLine(line: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const m of line.matchAll(re)) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3]));
  return out;
}

/** An ad-hoc target from what the user typed: an http(s) URL or a command line. */
export function adhocTarget(input: string): PanelTarget {
  const text = input.trim();
  if (/^https?:\/\//i.test(text)) {
    new URL(text); // throws a clear "Invalid URL" for nonsense
    return { key: `url:${text}`, label: text, adhoc: { transport: 'http', url: text } };
  }
  const [command, ...args] = splitCommandLine(text);
  if (!command) throw new TargetResolutionError('Type a command (e.g. node server.js) or an http(s) URL.');
  return { key: `cmd:${text}`, label: text.length > 40 ? `${text.slice(0, 39)}…` : text, adhoc: { transport: 'stdio', command, args } };
}

export function refKey(ref: { file: string; name: string }): string {
  return `ref:${ref.file}#${ref.name}`;
}
