// Turns a configured stdio server entry into the command the gateway spawns, resolving the variables config files
// use (${workspaceFolder}, ${env:X}, ${userHome}, ${input:id} when a value is supplied).
import { dirname, basename, isAbsolute, resolve } from 'node:path';
import { homedir } from 'node:os';
import type { ServerEntry } from '../manifest/serverEntries';
import type { ChildCommand } from './childServer';

export interface EntryContext {
  /** The config file the entry came from. */
  file: string;
  /** Defaults to the folder that holds the file (the parent of .vscode/.cursor when the file lives in one). */
  workspaceFolder?: string;
  inputs?: Record<string, string>;
}

export function defaultWorkspaceFolder(file: string): string {
  const dir = dirname(file);
  return ['.vscode', '.cursor', '.gemini'].includes(basename(dir)) ? dirname(dir) : dir;
}

export function childCommandFromEntry(entry: ServerEntry, ctx: EntryContext): ChildCommand {
  if (entry.transport !== 'stdio' || !entry.command) {
    throw new Error(`Server "${entry.name}" is not a stdio server (it uses ${entry.transport}); only stdio servers can be served over HTTP.`);
  }
  if (entry.problem) throw new Error(`Server "${entry.name}" cannot be launched as written: ${entry.problem}`);
  const folder = ctx.workspaceFolder ?? defaultWorkspaceFolder(ctx.file);
  const sub = (s: string): string =>
    s.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
      if (name === 'workspaceFolder' || name === 'workspaceRoot') return folder;
      if (name === 'userHome') return homedir();
      if (name === 'pathSeparator' || name === '/') return '/';
      if (name.startsWith('env:')) return process.env[name.slice(4)] ?? '';
      if (name.startsWith('input:')) {
        const v = ctx.inputs?.[name.slice(6)];
        if (v === undefined) throw new Error(`Server "${entry.name}" needs the input "${name.slice(6)}"; start it from the editor, which prompts for it.`);
        return v;
      }
      return whole;
    });
  const env = entry.env ? Object.fromEntries(Object.entries(entry.env).map(([k, v]) => [k, sub(String(v))])) : undefined;
  const cwd = entry.cwd ? sub(entry.cwd) : folder;
  return { command: sub(entry.command), args: (entry.args ?? []).map(sub), env, cwd: isAbsolute(cwd) ? cwd : resolve(folder, cwd) };
}
