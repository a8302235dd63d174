// Which MCP config or manifest format a file is, from its path and (when the name is ambiguous) its content.
import * as path from 'node:path';

export type ConfigKind =
  | 'vscode-mcp' // .vscode/mcp.json, VS Code user mcp.json: { servers, inputs }
  | 'claude-code' // .mcp.json: { mcpServers }
  | 'claude-desktop' // claude_desktop_config.json: { mcpServers }
  | 'cursor' // .cursor/mcp.json: { mcpServers }
  | 'windsurf' // mcp_config.json: { mcpServers } with serverUrl
  | 'gemini' // .gemini/settings.json: { mcpServers } with httpUrl
  | 'zed' // zed settings.json: { context_servers }
  | 'server-json' // MCP registry server.json
  | 'mcpb'; // MCPB bundle manifest.json

export const CONFIG_KIND_LABELS: Record<ConfigKind, string> = {
  'vscode-mcp': 'VS Code mcp.json',
  'claude-code': 'Claude Code .mcp.json',
  'claude-desktop': 'Claude Desktop config',
  cursor: 'Cursor mcp.json',
  windsurf: 'Windsurf mcp_config.json',
  gemini: 'Gemini CLI settings.json',
  zed: 'Zed settings.json',
  'server-json': 'MCP registry server.json',
  mcpb: 'MCPB manifest.json',
};

/** The key under which a client's config keeps its servers. */
export const SERVERS_KEY: Partial<Record<ConfigKind, string>> = {
  'vscode-mcp': 'servers',
  'claude-code': 'mcpServers',
  'claude-desktop': 'mcpServers',
  cursor: 'mcpServers',
  windsurf: 'mcpServers',
  gemini: 'mcpServers',
  zed: 'context_servers',
};

function norm(p: string): string {
  return p.replace(/\\/g, '/');
}

/**
 * Detects the kind from the file name alone. Returns undefined for names that need a look at the content
 * (`manifest.json`, `settings.json`) or that are not ours.
 */
export function kindFromPath(filePath: string): ConfigKind | undefined {
  const p = norm(filePath);
  const base = path.posix.basename(p);
  const parent = path.posix.basename(path.posix.dirname(p));
  if (base === 'mcp.json') {
    if (parent === '.cursor') return 'cursor';
    return 'vscode-mcp'; // .vscode/mcp.json and the user-level mcp.json
  }
  if (base === '.mcp.json') return 'claude-code';
  if (base === 'claude_desktop_config.json') return 'claude-desktop';
  if (base === 'mcp_config.json') return 'windsurf';
  if (base === 'server.json') return 'server-json';
  return undefined;
}

/** Names whose kind only the content tells. */
const CONTENT_DECIDES = ['settings.json', 'manifest.json', 'gemini-extension.json'];

/**
 * The kind of a file whose content cannot be read (binary, too deep, too large): the forced kind or the one its
 * name gives; `null` when the name says it is no manifest at all, `undefined` when only the content could tell.
 */
export function kindWithoutContent(filePath: string, forced?: ConfigKind): ConfigKind | null | undefined {
  const kind = forced ?? kindFromPath(filePath);
  if (kind) return kind;
  const base = path.posix.basename(norm(filePath));
  if (base === 'gemini-extension.json') return 'gemini';
  return CONTENT_DECIDES.includes(base) ? undefined : null;
}

/** Detects the kind from path and content; content decides for ambiguous names such as manifest.json. */
export function detectKind(filePath: string, value: unknown): ConfigKind | undefined {
  const byPath = kindFromPath(filePath);
  if (byPath) return byPath;
  const p = norm(filePath);
  const base = path.posix.basename(p);
  const obj = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  if (!obj) return undefined;
  if (base === 'manifest.json') {
    const looksLikeMcpb =
      ('manifest_version' in obj || 'mcpb_version' in obj || 'dxt_version' in obj) && typeof obj.server === 'object';
    return looksLikeMcpb ? 'mcpb' : undefined;
  }
  if (base === 'settings.json') {
    if ('context_servers' in obj) return 'zed';
    if ('mcpServers' in obj) return 'gemini';
    // In Gemini CLI's or Zed's own folder, servers under another key are still meant for that client (and
    // load nothing there, which the checks report).
    const parent = path.posix.basename(path.posix.dirname(p));
    const serversElsewhere = ['servers', 'mcp_servers', 'mcp-servers', 'mcpServers', 'context_servers'].some((k) => k in obj);
    if (parent === '.gemini' && serversElsewhere) return 'gemini';
    if (parent === 'zed' && serversElsewhere) return 'zed';
    return undefined;
  }
  return undefined;
}
