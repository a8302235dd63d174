// Turns a config entry (any format readServerEntries understands) into a ConnectTarget, resolving the variables
// clients put in them: ${input:id} (asked through a pluggable prompt), ${env:NAME}, ${workspaceFolder}, ${userHome},
// ${pathSeparator} and Claude-style ${NAME} / ${NAME:-default}.
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, resolve, sep } from 'node:path';
import type { InputDefinition, ServerEntry } from '../manifest/serverEntries';
import { ConnectionError } from './connectionError';
import type { ConnectTarget } from './types';

/** Asks for an input's value (a terminal prompt, a VS Code input box); undefined = not given. */
export type InputPrompter = (input: InputDefinition) => Promise<string | undefined>;

export interface ResolveOptions {
  /** The config file the entry came from: gives ${workspaceFolder} and the base of a relative cwd/envFile. */
  file?: string;
  workspaceFolder?: string;
  inputs?: InputDefinition[];
  /** Values already known (e.g. --input id=value), by input id. */
  inputValues?: Record<string, string>;
  prompt?: InputPrompter;
  env?: NodeJS.ProcessEnv;
}

const VARIABLE = /\$\{([^}]+)\}/g;

/** The workspace folder of a config file: the parent of `.vscode`/`.cursor`/..., else the file's folder. */
export function workspaceFolderOf(file: string): string {
  const dir = dirname(resolve(file));
  return basename(dir).startsWith('.') ? dirname(dir) : dir;
}

export async function resolveServerEntry(entry: ServerEntry, options: ResolveOptions = {}): Promise<ConnectTarget> {
  if (entry.problem) {
    throw new ConnectionError('resolve', 'variable-unresolved', `The server "${entry.name}" cannot be started as written: ${entry.problem}.`, 'Fix the entry in its config file.');
  }
  const env = options.env ?? process.env;
  const folder = options.workspaceFolder ?? (options.file ? workspaceFolderOf(options.file) : process.cwd());
  const known = new Map(Object.entries(options.inputValues ?? {}));

  const expand = async (text: string): Promise<string> => {
    let out = '';
    let last = 0;
    for (const m of text.matchAll(VARIABLE)) {
      out += text.slice(last, m.index) + (await value(m[1], m[0]));
      last = m.index! + m[0].length;
    }
    return out + text.slice(last);
  };

  const value = async (name: string, whole: string): Promise<string> => {
    if (name === 'workspaceFolder') return folder;
    if (name === 'workspaceFolderBasename') return basename(folder);
    if (name === 'userHome') return homedir();
    if (name === 'pathSeparator' || name === '/') return sep;
    if (name.startsWith('env:')) return env[name.slice(4)] ?? '';
    if (name.startsWith('input:')) return input(name.slice(6));
    const claude = /^([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?$/.exec(name);
    if (claude) {
      const v = env[claude[1]];
      if (v !== undefined && v !== '') return v;
      if (claude[2] !== undefined) return claude[2];
      throw new ConnectionError('resolve', 'variable-unresolved', `The server "${entry.name}" uses ${whole}, but the environment variable ${claude[1]} is not set.`, `Set ${claude[1]} in the environment, or give a default as \${${claude[1]}:-value}.`);
    }
    return whole; // unknown variables (e.g. ${command:...}) stay as written
  };

  const input = async (id: string): Promise<string> => {
    const cached = known.get(id);
    if (cached !== undefined) return cached;
    const def = options.inputs?.find((i) => i.id === id) ?? { id };
    const answer = options.prompt ? await options.prompt(def) : undefined;
    const v = answer ?? def.default;
    if (v === undefined) {
      throw new ConnectionError(
        'resolve',
        'variable-unresolved',
        `The server "${entry.name}" needs \${input:${id}}${def.description ? ` (${def.description})` : ''}, and no value was given.`,
        `Give it with --input ${id}=<value>, or run the command in a terminal to be asked.`,
      );
    }
    known.set(id, v);
    return v;
  };

  const expandRecord = async (r: Record<string, string> | undefined) => {
    if (!r) return undefined;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(r)) out[k] = await expand(v);
    return out;
  };
  const base = options.file ? dirname(resolve(options.file)) : process.cwd();
  const absolute = (p: string | undefined) => (p === undefined ? undefined : isAbsolute(p) ? p : resolve(folder ?? base, p));

  if (entry.transport === 'stdio') {
    const args: string[] = [];
    for (const a of entry.args ?? []) args.push(await expand(a));
    return {
      kind: 'stdio',
      name: entry.name,
      command: await expand(entry.command!),
      args,
      env: await expandRecord(entry.env),
      envFile: absolute(entry.envFile === undefined ? undefined : await expand(entry.envFile)),
      cwd: absolute(entry.cwd === undefined ? undefined : await expand(entry.cwd)),
    };
  }
  return {
    kind: 'http',
    name: entry.name,
    url: await expand(entry.url!),
    transport: entry.transport === 'sse' ? 'sse' : 'auto',
    headers: await expandRecord(entry.headers),
  };
}
