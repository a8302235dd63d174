// Where MCP configs live: relative paths inside a workspace folder and per-user files of each client.
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigKind } from './configKinds';

export interface ConfigLocation {
  kind: ConfigKind;
  /** Absolute path (user-level) or a path relative to a workspace folder. */
  path: string;
  label: string;
}

/** Workspace-relative config files that declare servers. */
export const WORKSPACE_CONFIGS: ConfigLocation[] = [
  { kind: 'vscode-mcp', path: '.vscode/mcp.json', label: 'VS Code (workspace)' },
  { kind: 'claude-code', path: '.mcp.json', label: 'Claude Code' },
  { kind: 'cursor', path: '.cursor/mcp.json', label: 'Cursor (workspace)' },
  { kind: 'server-json', path: 'server.json', label: 'Registry server.json' },
];

export interface UserConfigContext {
  home?: string;
  platform?: NodeJS.Platform;
  appData?: string;
  /** VS Code's user settings folder (…/Code/User), known only inside the editor. */
  vscodeUserDir?: string;
}

/** User-level client configs on this machine (whether or not they exist). */
export function userConfigLocations(ctx: UserConfigContext = {}): ConfigLocation[] {
  const home = ctx.home ?? os.homedir();
  const platform = ctx.platform ?? process.platform;
  const appData = ctx.appData ?? process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming');
  const claudeDir =
    platform === 'darwin'
      ? path.join(home, 'Library', 'Application Support', 'Claude')
      : platform === 'win32'
        ? path.join(appData, 'Claude')
        : path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Claude');
  const list: ConfigLocation[] = [
    { kind: 'claude-desktop', path: path.join(claudeDir, 'claude_desktop_config.json'), label: 'Claude Desktop' },
    { kind: 'claude-code', path: path.join(home, '.claude.json'), label: 'Claude Code (user)' },
    { kind: 'cursor', path: path.join(home, '.cursor', 'mcp.json'), label: 'Cursor (user)' },
    { kind: 'windsurf', path: path.join(home, '.codeium', 'windsurf', 'mcp_config.json'), label: 'Windsurf' },
    { kind: 'gemini', path: path.join(home, '.gemini', 'settings.json'), label: 'Gemini CLI' },
  ];
  if (ctx.vscodeUserDir) list.unshift({ kind: 'vscode-mcp', path: path.join(ctx.vscodeUserDir, 'mcp.json'), label: 'VS Code (user)' });
  return list;
}
