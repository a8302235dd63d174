// Reads every known config file under workspace folders and the user's home, for the Servers view and the CLI.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ConfigLocation, UserConfigContext, WORKSPACE_CONFIGS, userConfigLocations } from './configLocations';
import { ConfigFileServers, readServerEntries } from './serverEntries';

export interface DiscoveredFile extends ConfigFileServers {
  label: string;
  scope: 'workspace' | 'user';
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw e;
  }
}

async function readLocation(loc: ConfigLocation, file: string, scope: 'workspace' | 'user'): Promise<DiscoveredFile | undefined> {
  let text: string | undefined;
  try {
    text = await readIfExists(file);
  } catch (e) {
    return { file, kind: loc.kind, servers: [], error: `Cannot read: ${(e as Error).message}`, label: loc.label, scope };
  }
  if (text === undefined) return undefined;
  const result = readServerEntries(file, text, loc.kind);
  // ~/.claude.json holds much more than servers; only show it when it declares some.
  if (scope === 'user' && path.basename(file) === '.claude.json' && result.servers.length === 0 && !result.error) return undefined;
  // A Gemini settings.json without mcpServers is just settings.
  if (loc.kind === 'gemini' && result.servers.length === 0 && !result.error) return undefined;
  return { ...result, label: loc.label, scope };
}

export async function discoverServers(workspaceFolders: string[], user: UserConfigContext | false = {}): Promise<DiscoveredFile[]> {
  const jobs: Promise<DiscoveredFile | undefined>[] = [];
  for (const folder of workspaceFolders) {
    for (const loc of WORKSPACE_CONFIGS) jobs.push(readLocation(loc, path.join(folder, loc.path), 'workspace'));
  }
  if (user !== false) for (const loc of userConfigLocations(user)) jobs.push(readLocation(loc, loc.path, 'user'));
  return (await Promise.all(jobs)).filter((x): x is DiscoveredFile => x !== undefined);
}
