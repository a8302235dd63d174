// Every diagnostic code the manifest checks emit, with its default severity and what it means.
// Codes are stable: tools and CI scripts may match on them. The README documents each one.

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface CodeInfo {
  severity: Severity;
  summary: string;
}

export const DIAGNOSTIC_CODES = {
  // Syntax and structure
  'syntax-error': { severity: 'error', summary: 'The file is not valid JSON (or JSONC where the client allows it).' },
  'strict-json': { severity: 'error', summary: 'A comment or trailing comma in a file the client reads as strict JSON.' },
  'duplicate-key': { severity: 'error', summary: 'The same key twice in one object; the later one silently wins.' },
  'not-an-object': { severity: 'error', summary: 'The top level (or a server entry) is not a JSON object.' },
  schema: { severity: 'error', summary: 'The document breaks the JSON Schema selected for its kind and version.' },
  'schema-missing': { severity: 'error', summary: 'server.json has no "$schema".' },
  'schema-unknown': { severity: 'error', summary: '"$schema" is not a published server.json schema URL.' },
  'schema-deprecated': { severity: 'warning', summary: '"$schema" names an older server.json schema version.' },
  'schema-draft': { severity: 'info', summary: '"$schema" names the draft server.json schema.' },
  'placeholder-value': { severity: 'warning', summary: 'A template placeholder such as YOUR_API_KEY, <path>, {{VERSION}} was left in.' },
  // Registry server.json
  'registry-name-format': { severity: 'error', summary: 'The name is not "namespace/name" in reverse-DNS form with allowed characters.' },
  'registry-version-latest': { severity: 'error', summary: 'A version is "latest", which the registry reserves.' },
  'registry-version-range': { severity: 'error', summary: 'A version is a range (^1.2, ~1, >=1, 1.x), not one exact version.' },
  'registry-description-length': { severity: 'error', summary: 'The description is empty or longer than 100 characters.' },
  'registry-title-length': { severity: 'error', summary: 'The title is empty or longer than 100 characters.' },
  'registry-remote-https': { severity: 'error', summary: 'A remote URL does not use https.' },
  'registry-remote-localhost': { severity: 'error', summary: 'A remote URL points at localhost or a loopback address.' },
  'registry-url-variable': { severity: 'error', summary: 'A {variable} in a URL or value has no definition in "variables".' },
  'registry-type-unsupported': { severity: 'error', summary: 'A package registryType the registry does not accept.' },
  'registry-base-url': { severity: 'error', summary: 'A registryBaseUrl that is not the allowed one for the package type.' },
  'registry-identifier': { severity: 'error', summary: 'A package identifier that is empty or contains spaces.' },
  'registry-argument': { severity: 'error', summary: 'A named argument without a proper flag name, or a positional argument without value or valueHint.' },
  'registry-transport-url': { severity: 'error', summary: 'A stdio transport with a url, or an http/sse transport without one.' },
  'registry-meta-size': { severity: 'error', summary: 'Publisher-provided _meta is larger than 4 KB.' },
  'registry-repository-url': { severity: 'error', summary: 'repository.url does not match repository.source (e.g. not a github.com/owner/repo URL).' },
  'registry-icon-https': { severity: 'error', summary: 'An icon src is not an https URL.' },
  'registry-mcp-name': { severity: 'error', summary: 'mcpName in the sibling package.json differs from "name".' },
  'registry-runtime-hint': { severity: 'info', summary: 'runtimeArguments are given without a runtimeHint.' },
  'registry-legacy-key': { severity: 'error', summary: 'A key from an older server.json layout (snake_case, registry_name, package_arguments).' },
  'unknown-key': { severity: 'warning', summary: 'A key the format does not define: a warning where it is ignored (server.json), an error where the schema is strict (MCPB).' },
  // Client configs
  'client-root-key': { severity: 'error', summary: 'The servers are under another client\'s root key (servers / mcpServers / context_servers).' },
  'client-unknown-root-key': { severity: 'error', summary: 'A top-level key the client\'s strict settings schema does not allow.' },
  'client-unknown-key': { severity: 'warning', summary: 'A server key this client does not read.' },
  'client-key-typo': { severity: 'error', summary: 'A server key that is a misspelling of one the client reads (did you mean …?).' },
  'client-foreign-key': { severity: 'error', summary: 'Another client\'s spelling (serverUrl, httpUrl, streamable-http) in this client\'s file.' },
  'client-no-command': { severity: 'error', summary: 'A stdio server without a command.' },
  'client-stdio-url': { severity: 'error', summary: 'A stdio server that also has a url.' },
  'client-http-no-url': { severity: 'error', summary: 'An http/sse server without a url.' },
  'client-remote-unsupported': { severity: 'error', summary: 'A remote (url) server in a client that only starts local commands.' },
  'client-sse-endpoint': { severity: 'warning', summary: 'A Streamable-HTTP-only key points at what looks like an SSE endpoint (…/sse).' },
  'client-input-undefined': { severity: 'error', summary: '${input:id} with no input of that id.' },
  'client-input-unused': { severity: 'warning', summary: 'An input that no ${input:id} references.' },
  'client-input-duplicate': { severity: 'error', summary: 'Two inputs with the same id.' },
  'client-variable-syntax': { severity: 'warning', summary: 'A variable reference this client does not expand (e.g. $VAR or ${VAR} in VS Code).' },
  'client-secret-literal': { severity: 'warning', summary: 'A literal secret in env or headers; use an input or an environment reference.' },
  'client-args-one-string': { severity: 'error', summary: 'A whole command line in one string (args as a string, or "--flag value" in one item).' },
  'client-command-line': { severity: 'warning', summary: 'command holds a program and its arguments; put the arguments in args.' },
  'client-duplicate-server': { severity: 'warning', summary: 'The same server name is defined in another config file of the workspace.' },
  'client-command-not-found': { severity: 'warning', summary: 'command is not found on PATH (with hints for nvm/fnm/volta and npx on Windows).' },
  // MCPB
  'mcpb-version-missing': { severity: 'error', summary: 'manifest.json has no manifest_version.' },
  'mcpb-version-unknown': { severity: 'error', summary: 'manifest_version is not a known MCPB version.' },
  'mcpb-user-config': { severity: 'error', summary: '${user_config.x} refers to no user_config entry.' },
  'mcpb-user-config-unused': { severity: 'info', summary: 'A user_config entry that nothing references.' },
  'mcpb-icon': { severity: 'error', summary: 'The icon is not a relative path to a PNG inside the bundle.' },
  'mcpb-entry-point': { severity: 'warning', summary: 'server.entry_point is absolute or escapes the bundle.' },
} as const satisfies Record<string, CodeInfo>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
