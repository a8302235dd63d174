// Checks that need the machine or the workspace: is the command on PATH, does the sibling package.json's
// mcpName match, is a server name defined again in another config file. Asynchronous and cancellable.
import * as path from 'node:path';
import { CLIENT_FORMATS, ClientKind } from '../clientFormats';
import { commandHint, findOnPath } from '../commandLookup';
import { DIAGNOSTIC_CODES } from '../diagnosticCodes';
import { ManifestDiagnostic } from '../manifestDiagnostic';
import { CheckContext, isObject } from '../manifestDocument';
import { readServerEntries } from '../serverEntries';

export interface ManifestEnvironment {
  readFile(file: string): Promise<string | undefined>;
  pathValue: string;
  platform: NodeJS.Platform;
  pathExt?: string;
  /** Other config files of the same workspace, to find server names defined twice. */
  workspaceConfigFiles?(file: string): Promise<string[]>;
}

export async function environmentChecks(ctx: CheckContext, env: ManifestEnvironment, signal?: AbortSignal): Promise<ManifestDiagnostic[]> {
  const before = ctx.diagnostics.length;
  const kind = ctx.doc.kind;
  const doc = ctx.value;
  if (!isObject(doc)) return [];
  if (kind === 'server-json') await mcpNameCheck(ctx, env, doc.name);
  else if (kind !== 'mcpb') {
    const rootKey = CLIENT_FORMATS[kind as ClientKind].rootKey;
    const servers = isObject(doc[rootKey]) ? (doc[rootKey] as Record<string, unknown>) : {};
    const jobs = Object.entries(servers).map(async ([name, entry]) => {
      if (!isObject(entry)) return;
      const command = typeof entry.command === 'string' ? entry.command.trim() : isObject(entry.command) && typeof entry.command.path === 'string' ? entry.command.path : undefined;
      if (!command || command.includes('$') || /\s/.test(command) || command.startsWith('.')) return;
      if (signal?.aborted) return;
      const found = await findOnPath(command, env);
      if (found || signal?.aborted) return;
      const hint = commandHint(command, env);
      const where = /[\\/]/.test(command) ? 'does not exist or is not executable' : 'is not found on PATH';
      // Zed spells the program as command.path.
      const at = isObject(entry.command) ? [rootKey, name, 'command', 'path'] : [rootKey, name, 'command'];
      ctx.report('client-command-not-found', at, `"${command}" ${where}.${hint ? ' ' + hint : ''}`);
    });
    await Promise.all(jobs);
    if (!signal?.aborted) await duplicateServerCheck(ctx, env, rootKey, Object.keys(servers));
  }
  return ctx.diagnostics.slice(before).map((d) => ({ ...d, source: 'environment' as const }));
}

async function mcpNameCheck(ctx: CheckContext, env: ManifestEnvironment, name: unknown): Promise<void> {
  if (typeof name !== 'string') return;
  const pkgFile = path.join(path.dirname(ctx.doc.file), 'package.json');
  const text = await env.readFile(pkgFile);
  if (text === undefined) return;
  let mcpName: unknown;
  try {
    mcpName = (JSON.parse(text) as Record<string, unknown>).mcpName;
  } catch {
    return;
  }
  if (typeof mcpName === 'string' && mcpName !== name) {
    ctx.report('registry-mcp-name', ['name'], `package.json next to this file says "mcpName": "${mcpName}", but the server name is "${name}"; the registry rejects npm packages whose mcpName differs.`, {
      fixes: [ctx.setFix(`Use "${mcpName}"`, ['name'], mcpName)],
    });
  }
}

async function duplicateServerCheck(ctx: CheckContext, env: ManifestEnvironment, rootKey: string, names: string[]): Promise<void> {
  if (!env.workspaceConfigFiles || names.length === 0) return;
  const others = (await env.workspaceConfigFiles(ctx.doc.file)).filter((f) => path.resolve(f) !== path.resolve(ctx.doc.file));
  const mine = new Set(names);
  for (const other of others) {
    const text = await env.readFile(other);
    if (text === undefined) continue;
    const parsed = readServerEntries(other, text);
    for (const s of parsed.servers) {
      if (!mine.has(s.name)) continue;
      mine.delete(s.name);
      ctx.report('client-duplicate-server', [rootKey, s.name], `Server "${s.name}" is also defined in ${path.basename(path.dirname(other))}/${path.basename(other)}; clients that read both files show it twice or pick one silently.`, { on: 'key', severity: DIAGNOSTIC_CODES['client-duplicate-server'].severity });
    }
  }
}

