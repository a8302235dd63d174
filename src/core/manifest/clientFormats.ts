// What each MCP client accepts in its config file: root key, server keys, which ${...} forms it expands,
// and whether it reads strict JSON. One table shared by the client-config schemas and the checks.
import type { ConfigKind } from './configKinds';

export type ClientKind = Exclude<ConfigKind, 'server-json' | 'mcpb'>;

export interface ClientFormat {
  kind: ClientKind;
  rootKey: 'servers' | 'mcpServers' | 'context_servers';
  /** Keys a server entry may have. */
  serverKeys: string[];
  /** Where the client reads some keys only for one transport: the keys each transport reads. */
  transportKeys?: { stdio: string[]; http: string[] };
  /** Top-level keys besides the servers key, where the client's schema is strict about them. */
  rootKeys?: string[];
  /** The key that holds a remote server's URL, if the client supports remote servers here. */
  urlKey?: 'url' | 'serverUrl' | 'httpUrl';
  /** Values the `type` key accepts (undefined: the client has no type key). */
  types?: string[];
  /** Whether comments and trailing commas break the client. */
  strictJson: boolean;
  /** Regexes (global) of variable references the client expands; anything else `${...}`-like is flagged. */
  expands: RegExp[];
  /** The server keys whose values the client expands (undefined: all of them). */
  expandsIn?: string[];
  /** Server keys whose value is a shell command, where the shell expands $VAR itself. */
  shellKeys?: string[];
  /** How this client spells an environment reference, for did-you-mean fixes. */
  envRef?: (name: string) => string;
  /** Documentation of the format, quoted in messages. */
  docs: string;
}

const VSCODE_VARS = /\$\{(?:input:[^}]+|env:[A-Za-z_][A-Za-z0-9_]*|config:[^}]+|command:[^}]+|workspaceFolder(?::[^}]+)?|workspaceFolderBasename|userHome|pathSeparator|\/|cwd|file|fileDirname|fileBasename|relativeFile|execPath)\}/g;
const CURSOR_VARS = /\$\{(?:env:[A-Za-z_][A-Za-z0-9_]*|workspaceFolder|workspaceFolderBasename|userHome|pathSeparator|\/)\}/g;
const SHELL_VARS = /\$\{[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?\}/g;
const BARE_SHELL_VARS = /\$[A-Za-z_][A-Za-z0-9_]*/g;

export const CLIENT_FORMATS: Record<ClientKind, ClientFormat> = {
  'vscode-mcp': {
    kind: 'vscode-mcp',
    rootKey: 'servers',
    // VS Code's registered schema (vscode://schemas/mcp), plus "gallery" and "version", which VS Code writes
    // itself when it installs a server from its gallery.
    serverKeys: ['type', 'command', 'args', 'env', 'envFile', 'cwd', 'sandboxEnabled', 'url', 'headers', 'oauth', 'dev', 'gallery', 'version'],
    transportKeys: {
      stdio: ['type', 'command', 'args', 'env', 'envFile', 'cwd', 'sandboxEnabled', 'dev', 'gallery', 'version'],
      http: ['type', 'url', 'headers', 'oauth', 'dev', 'gallery', 'version'],
    },
    rootKeys: ['inputs', 'sandbox', '$schema'],
    urlKey: 'url',
    types: ['stdio', 'http', 'sse'],
    strictJson: false,
    expands: [VSCODE_VARS],
    envRef: (n) => `\${env:${n}}`,
    docs: 'VS Code mcp.json',
  },
  'claude-code': {
    kind: 'claude-code',
    rootKey: 'mcpServers',
    serverKeys: ['type', 'command', 'args', 'env', 'url', 'headers', 'headersHelper', 'oauth', 'timeout'],
    transportKeys: { stdio: ['type', 'command', 'args', 'env', 'timeout'], http: ['type', 'url', 'headers', 'headersHelper', 'oauth', 'timeout'] },
    urlKey: 'url',
    types: ['stdio', 'http', 'sse', 'ws'],
    strictJson: true,
    expands: [SHELL_VARS],
    // Claude Code's documentation lists the fields it expands ${VAR} and ${VAR:-default} in.
    expandsIn: ['command', 'args', 'env', 'url', 'headers'],
    shellKeys: ['headersHelper'],
    envRef: (n) => `\${${n}}`,
    docs: 'Claude Code .mcp.json',
  },
  'claude-desktop': {
    kind: 'claude-desktop',
    rootKey: 'mcpServers',
    serverKeys: ['command', 'args', 'env'],
    strictJson: true,
    expands: [],
    docs: 'Claude Desktop claude_desktop_config.json',
  },
  cursor: {
    kind: 'cursor',
    rootKey: 'mcpServers',
    serverKeys: ['type', 'command', 'args', 'env', 'envFile', 'url', 'headers', 'auth'],
    urlKey: 'url',
    types: ['stdio', 'http', 'sse', 'streamable-http'],
    strictJson: true,
    expands: [CURSOR_VARS],
    envRef: (n) => `\${env:${n}}`,
    docs: 'Cursor mcp.json',
  },
  windsurf: {
    kind: 'windsurf',
    rootKey: 'mcpServers',
    serverKeys: ['command', 'args', 'env', 'serverUrl', 'headers', 'disabled', 'disabledTools'],
    urlKey: 'serverUrl',
    strictJson: false,
    expands: [/\$\{(?:env:[A-Za-z_][A-Za-z0-9_]*|file:[^}]+)\}/g],
    envRef: (n) => `\${env:${n}}`,
    docs: 'Windsurf mcp_config.json',
  },
  gemini: {
    kind: 'gemini',
    rootKey: 'mcpServers',
    serverKeys: ['command', 'args', 'env', 'cwd', 'url', 'httpUrl', 'headers', 'tcp', 'type', 'timeout', 'trust', 'description', 'includeTools', 'excludeTools', 'extension', 'oauth', 'authProviderType', 'targetAudience', 'targetServiceAccount'],
    urlKey: 'url',
    types: ['stdio', 'sse', 'http'],
    strictJson: false,
    expands: [SHELL_VARS, BARE_SHELL_VARS, /\$\{(?:extensionPath|workspacePath|\/|pathSeparator)\}/g],
    envRef: (n) => `$${n}`,
    docs: 'Gemini CLI settings.json',
  },
  zed: {
    kind: 'zed',
    rootKey: 'context_servers',
    serverKeys: ['source', 'command', 'args', 'env', 'url', 'headers', 'enabled', 'settings'],
    urlKey: 'url',
    strictJson: false,
    expands: [],
    docs: 'Zed settings.json',
  },
};

/** Keys that another client uses for the same thing: `serverUrl` is Windsurf's `url`, and so on. */
export const FOREIGN_KEYS: Record<string, { meaning: 'url'; client: string }> = {
  serverUrl: { meaning: 'url', client: 'Windsurf' },
  httpUrl: { meaning: 'url', client: 'Gemini CLI' },
  url: { meaning: 'url', client: 'most clients' },
};

/** Top-level keys of Gemini CLI's settings.json (current, nested layout). */
export const GEMINI_SETTINGS_ROOT_KEYS = [
  '$schema', 'admin', 'adminPolicyPaths', 'advanced', 'agents', 'billing', 'context', 'contextManagement', 'experimental',
  'extensions', 'general', 'hooks', 'hooksConfig', 'ide', 'mcp', 'mcpServers', 'model', 'modelConfigs', 'output',
  'policyPaths', 'privacy', 'security', 'skills', 'telemetry', 'tools', 'ui', 'useWriteTodos',
];

/** Top-level keys of a Gemini CLI extension's gemini-extension.json. */
export const GEMINI_EXTENSION_ROOT_KEYS = ['name', 'version', 'description', 'mcpServers', 'contextFileName', 'excludeTools', 'settings', 'migratedTo', 'plan', 'themes'];
