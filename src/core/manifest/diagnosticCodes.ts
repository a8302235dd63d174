// Every diagnostic code the manifest checks emit, with its default severity and what it means.
// Codes are stable: tools and CI scripts may match on them. The README documents each one.

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface CodeInfo {
  severity: Severity;
  summary: string;
  /**
   * What an error rests on: the published schema of the format, or the client's documented behaviour. A finding
   * that neither refuses is a warning or a note. Codes that are never errors have no basis.
   */
  basis?: string;
}

const REGISTRY = 'registry validators (modelcontextprotocol/registry internal/validators)';
const SERVER_SCHEMA = 'published server.json schema';

export const DIAGNOSTIC_CODES = {
  // Syntax and structure
  'not-checked': { severity: 'error', summary: 'The file could not be checked at all: binary, nested thousands of levels deep, too large, or unreadable.', basis: 'no verdict is possible; a CI run must not pass it' },
  'syntax-error': { severity: 'error', summary: 'The file is not valid JSON (or JSONC where the client allows it).', basis: 'the client\'s JSON parser' },
  'strict-json': { severity: 'error', summary: 'A comment or trailing comma in a file the client reads as strict JSON.', basis: 'the client parses strict JSON (RFC 8259)' },
  'duplicate-key': { severity: 'warning', summary: 'The same key twice in one object; readers keep the last one. An error for a server name: one server is never loaded.', basis: 'the client keeps the last of two servers with one name' },
  'not-an-object': { severity: 'error', summary: 'The top level (or a server entry) is not a JSON object.', basis: 'the format\'s schema (object expected)' },
  schema: { severity: 'error', summary: 'The document breaks the JSON Schema selected for its kind and version.', basis: 'the format\'s schema (see schemas/SOURCES.md)' },
  'schema-missing': { severity: 'error', summary: 'server.json has no "$schema".', basis: REGISTRY },
  'schema-unknown': { severity: 'error', summary: '"$schema" is not a published server.json schema URL.', basis: REGISTRY },
  'schema-deprecated': { severity: 'info', summary: '"$schema" names an older server.json schema version; the note says what moving to the newest changes.' },
  'schema-draft': { severity: 'info', summary: '"$schema" names the draft server.json schema.' },
  'placeholder-value': { severity: 'warning', summary: 'A template placeholder such as YOUR_API_KEY, <path>, {{VERSION}} was left in.' },
  // Registry server.json
  'registry-name-format': { severity: 'error', summary: 'The name is not "namespace/name" in reverse-DNS form with allowed characters.', basis: SERVER_SCHEMA },
  'registry-version-latest': { severity: 'error', summary: 'A version is "latest", which the registry reserves.', basis: REGISTRY },
  'registry-version-range': { severity: 'error', summary: 'A version is a range (^1.2, ~1, >=1, 1.x), not one exact version.', basis: REGISTRY },
  'registry-description-length': { severity: 'error', summary: 'The description is empty or longer than 100 characters.', basis: SERVER_SCHEMA },
  'registry-title-length': { severity: 'error', summary: 'The title is empty or longer than 100 characters.', basis: SERVER_SCHEMA },
  'registry-remote-https': { severity: 'error', summary: 'A remote URL does not use https.', basis: REGISTRY },
  'registry-remote-localhost': { severity: 'error', summary: 'A remote URL points at localhost or a loopback address.', basis: REGISTRY },
  'registry-url-variable': { severity: 'error', summary: 'A {variable} in a URL has no definition (a warning for one in a value, which the registry does not check).', basis: REGISTRY },
  'registry-type-unsupported': { severity: 'error', summary: 'A package registryType the registry does not accept.', basis: REGISTRY },
  'registry-base-url': { severity: 'error', summary: 'A registryBaseUrl that is not the allowed one for the package type.', basis: REGISTRY },
  'registry-identifier': { severity: 'error', summary: 'A package identifier that is empty or contains spaces.', basis: 'the registry looks the package up by its identifier' },
  'registry-argument': { severity: 'error', summary: 'A named argument whose name holds a value (space, <, >, $; "=" is a warning), or a positional argument without value or valueHint.', basis: `${REGISTRY}; ${SERVER_SCHEMA}` },
  'registry-transport-url': { severity: 'error', summary: 'A stdio transport with a url, or an http/sse transport without one.', basis: REGISTRY },
  'registry-meta-size': { severity: 'error', summary: 'Publisher-provided _meta is larger than 4 KB.', basis: REGISTRY },
  'registry-repository-url': { severity: 'error', summary: 'repository.url does not match repository.source (e.g. not a github.com/owner/repo URL).', basis: REGISTRY },
  'registry-icon-https': { severity: 'error', summary: 'An icon src is not an https URL.', basis: REGISTRY },
  'registry-mcp-name': { severity: 'error', summary: 'mcpName in the sibling package.json differs from "name".', basis: 'the registry\'s npm ownership check' },
  'registry-runtime-hint': { severity: 'info', summary: 'runtimeArguments are given without a runtimeHint.' },
  'registry-legacy-key': { severity: 'warning', summary: 'A key from an older server.json layout (snake_case, registry_name, package_arguments); the schema reports what it then misses.' },
  'unknown-key': { severity: 'warning', summary: 'A key the format does not define: a warning where it is ignored (server.json), an error where the schema is strict (MCPB).', basis: 'the strict MCPB schema of the manifest_version' },
  // Client configs
  'client-root-key': { severity: 'error', summary: 'No servers under the client\'s root key (another client\'s key, a misspelling, a wrapper, servers at the top level): the client loads no server from the file.', basis: 'the client reads servers only from its root key' },
  'client-unknown-root-key': { severity: 'error', summary: 'A top-level key the client\'s strict schema does not allow.', basis: 'VS Code\'s registered mcp.json schema; Gemini CLI\'s published settings schema' },
  'client-legacy-key': { severity: 'error', summary: 'A flat (v1) Gemini CLI settings key: the published schema refuses it, though Gemini CLI migrates it to the nested layout on load (the fix moves it).', basis: 'Gemini CLI\'s published settings schema (strict top level)' },
  'client-unknown-key': { severity: 'warning', summary: 'A server key this client does not read (for this transport); an error where the schema is strict.', basis: 'VS Code\'s registered mcp.json schema; Gemini CLI\'s published settings schema' },
  'client-key-typo': { severity: 'error', summary: 'A server key that is a misspelling of one the client reads (did you mean …?): an error for command, args or url, or where the schema is strict; a warning for another setting the client then ignores.', basis: 'without its command, args or url the client cannot run the server as written; VS Code\'s and Gemini CLI\'s schemas' },
  'client-foreign-key': { severity: 'error', summary: 'Another client\'s spelling (serverUrl, httpUrl, streamable-http): an error when the entry then has no way to start or reach its server.', basis: 'the client cannot start or reach the server; VS Code\'s schema' },
  'client-key-ignored': { severity: 'warning', summary: 'A key the client ignores because another one wins (Gemini: url next to httpUrl, a tool in both includeTools and excludeTools).' },
  'client-server-filter': { severity: 'warning', summary: 'A server the client does not start because of its own filters (Gemini mcp.excluded / mcp.allowed), or a filter naming no server here (note).' },
  'client-no-command': { severity: 'error', summary: 'A stdio server without a command.', basis: 'the client cannot start the server' },
  'client-stdio-url': { severity: 'error', summary: 'A stdio server that also has a url (a warning where the client ignores the url).', basis: 'VS Code\'s registered mcp.json schema' },
  'client-http-no-url': { severity: 'error', summary: 'An http/sse server without a url.', basis: 'the client cannot reach the server; VS Code\'s schema' },
  'client-remote-unsupported': { severity: 'error', summary: 'A remote (url) server in a client that only starts local commands.', basis: 'Claude Desktop loads only local commands from its config' },
  'client-sse-endpoint': { severity: 'warning', summary: 'A Streamable-HTTP-only key points at what looks like an SSE endpoint (…/sse): an error for Gemini "httpUrl".', basis: 'Gemini CLI always speaks Streamable HTTP to httpUrl' },
  'client-input-undefined': { severity: 'error', summary: '${input:id} with no input of that id.', basis: 'VS Code cannot resolve the variable and does not start the server' },
  'client-input-unused': { severity: 'warning', summary: 'An input that no ${input:id} references.' },
  'client-input-duplicate': { severity: 'error', summary: 'Two inputs with the same id.', basis: 'VS Code inputs: the id names one input' },
  'client-variable-syntax': { severity: 'warning', summary: 'A variable reference this client does not expand (e.g. $VAR or ${VAR} in VS Code, ${VAR} outside the fields Claude Code expands).' },
  'client-secret-literal': { severity: 'warning', summary: 'A literal secret in env or headers; use an input or an environment reference.' },
  'client-args-one-string': { severity: 'error', summary: 'args given as one string (an error), or "--flag value" in one item (a warning: the program gets one argument with a space).', basis: 'the format\'s schema (args is an array of strings)' },
  'client-command-line': { severity: 'warning', summary: 'command holds a program and its arguments; put the arguments in args.' },
  'client-duplicate-server': { severity: 'warning', summary: 'The same server name is defined in another config file of the workspace.' },
  'client-command-not-found': { severity: 'warning', summary: 'command is not found on PATH (with hints for nvm/fnm/volta and npx on Windows).' },
  // MCPB
  'mcpb-version-missing': { severity: 'error', summary: 'manifest.json has neither manifest_version nor dxt_version.', basis: 'the MCPB schema (@anthropic-ai/mcpb)' },
  'mcpb-version-unknown': { severity: 'error', summary: 'manifest_version is not a version @anthropic-ai/mcpb knows.', basis: 'the MCPB schema (@anthropic-ai/mcpb)' },
  'mcpb-dxt-version': { severity: 'info', summary: 'The DXT-era "dxt_version" key; MCPB reads it, and calls it "manifest_version" now.' },
  'mcpb-user-config': { severity: 'warning', summary: '${user_config.x} refers to no user_config entry, so it is not replaced.' },
  'mcpb-user-config-unused': { severity: 'info', summary: 'A user_config entry that nothing references.' },
  'mcpb-icon': { severity: 'warning', summary: 'The icon is not a relative path inside the bundle, or not a PNG as the MCPB documentation asks.' },
  'mcpb-entry-point': { severity: 'warning', summary: 'server.entry_point is absolute or escapes the bundle.' },
} as const satisfies Record<string, CodeInfo>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
