// JSON Schemas for the client config formats, written by this project from each client's documentation
// (see schemas/SOURCES.md). Unknown keys are left to the checks, which can suggest the key that was meant.
import { CLIENT_FORMATS, ClientKind } from './clientFormats';
import type { JsonSchema } from './serverJsonSchemas';

const stringMap = (description: string): JsonSchema => ({ type: 'object', additionalProperties: { type: 'string' }, description });
const stringList = (description: string): JsonSchema => ({ type: 'array', items: { type: 'string' }, description });

/** Every server key any client knows, with the schema it has there. */
function keySchema(kind: ClientKind, key: string): JsonSchema {
  const f = CLIENT_FORMATS[kind];
  switch (key) {
    case 'type':
      return { type: 'string', enum: f.types, description: 'How the client talks to the server.' };
    case 'command':
      return kind === 'zed'
        ? {
            anyOf: [
              { type: 'string' },
              { type: 'object', required: ['path'], properties: { path: { type: 'string', description: 'The program to run.' }, args: stringList('Its arguments.'), env: stringMap('Extra environment variables.') } },
            ],
            description: 'The program that starts the server.',
          }
        : { type: 'string', description: 'The program that starts the server (found on PATH or an absolute path).' };
    case 'args':
      return stringList('Arguments passed to the command, one array item per argument.');
    case 'env':
      return kind === 'vscode-mcp'
        ? { type: 'object', additionalProperties: { type: ['string', 'number', 'null'] }, description: 'Environment variables for the server process.' }
        : stringMap('Environment variables for the server process (values are strings).');
    case 'envFile':
      return { type: 'string', description: 'A .env file whose variables are added to the server\'s environment.' };
    case 'cwd':
      return { type: 'string', description: 'The working directory of the server process.' };
    case 'url':
    case 'serverUrl':
    case 'httpUrl':
      return { type: 'string', description: key === 'httpUrl' ? 'A Streamable HTTP endpoint (no SSE fallback).' : 'The URL of a remote server.' };
    case 'headers':
      return stringMap('HTTP headers sent with every request.');
    case 'dev':
      return {
        type: 'object',
        description: 'Development mode: restart on change and debug.',
        properties: {
          watch: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }], description: 'Globs of files whose change restarts the server.' },
          debug: {
            description: 'Attach a debugger when the server starts (stdio only).',
            anyOf: [
              { type: 'object', required: ['type'], properties: { type: { type: 'string', enum: ['node'] } } },
              { type: 'object', required: ['type'], properties: { type: { type: 'string', enum: ['debugpy'] }, debugpyPath: { type: 'string', description: 'The debugpy executable.' } } },
            ],
          },
        },
      };
    case 'oauth':
      return kind === 'vscode-mcp'
        ? {
            type: 'object',
            description: 'OAuth settings for an HTTP server.',
            additionalProperties: false,
            minProperties: 1,
            properties: {
              clientId: { type: 'string', minLength: 1, description: 'A pre-registered OAuth client id (skips dynamic client registration).' },
              enterpriseManaged: { type: 'boolean', description: 'Authenticate through the enterprise identity provider.' },
            },
          }
        : kind === 'claude-code'
          ? {
              type: 'object',
              description: 'Pre-configured OAuth settings, for servers without dynamic client registration.',
              properties: {
                clientId: { type: 'string', description: 'The OAuth client id.' },
                callbackPort: { type: 'integer', minimum: 1, description: 'A fixed port for the http://localhost:PORT/callback redirect.' },
                authServerMetadataUrl: { type: 'string', description: 'An https URL of the authorization server metadata, skipping discovery.' },
                scopes: { type: 'string', description: 'The scopes to request, space-separated.' },
              },
            }
          : { type: 'object', description: 'OAuth configuration for authenticating with the server.' };
    case 'sandboxEnabled':
      return { type: 'boolean', description: 'Run the server in a sandbox (macOS and Linux), limited by the top-level "sandbox" settings.' };
    case 'gallery':
      return { type: ['string', 'boolean'], description: 'Written by VS Code: the gallery the server was installed from.' };
    case 'version':
      return { type: 'string', description: 'Written by VS Code: the installed version from the gallery.' };
    case 'headersHelper':
      return { type: 'string', description: 'A shell command whose JSON output is added to the request headers.' };
    case 'disabled':
    case 'trust':
    case 'enabled':
      return { type: 'boolean' };
    case 'timeout':
      return { type: 'number', description: 'Request timeout in milliseconds.' };
    case 'includeTools':
    case 'excludeTools':
    case 'disabledTools':
      return stringList('Tool names.');
    default:
      return {};
  }
}

const stringArray = (description: string): JsonSchema => ({ ...stringList(description), default: [] });
const vscodeSandbox: JsonSchema = {
  type: 'object',
  description: 'File system and network limits for servers with "sandboxEnabled" (macOS and Linux).',
  additionalProperties: false,
  properties: {
    network: {
      type: 'object',
      additionalProperties: false,
      properties: { allowedDomains: stringArray('Domains the server may reach; wildcards such as *.example.com.'), deniedDomains: stringArray('Domains the server may not reach.') },
    },
    filesystem: {
      type: 'object',
      additionalProperties: false,
      properties: { denyRead: stringArray('Paths the server may not read.'), allowWrite: stringArray('Paths the server may write.'), denyWrite: stringArray('Paths the server may not write.') },
    },
  },
};

/** Gemini CLI's nested (v2) "mcp" settings section. */
const geminiMcp: JsonSchema = {
  type: 'object',
  description: 'Which MCP servers Gemini CLI starts.',
  additionalProperties: false,
  properties: {
    serverCommand: { type: 'string', description: 'A command that starts an MCP server.' },
    allowed: stringList('Only these servers (by name) are started.'),
    excluded: stringList('These servers (by name) are not started.'),
  },
};

const vscodeInputs: JsonSchema = {
  type: 'array',
  description: 'Values VS Code asks for and substitutes for ${input:id}.',
  items: {
    type: 'object',
    required: ['id', 'type'],
    properties: {
      id: { type: 'string', description: 'Referenced as ${input:id}.' },
      type: { type: 'string', enum: ['promptString', 'pickString', 'command'], description: 'How the value is obtained.' },
      description: { type: 'string', description: 'Shown when the value is asked for.' },
      default: { type: 'string', description: 'The value proposed to the user.' },
      password: { type: 'boolean', description: 'Hide the typed value (use for secrets).' },
      options: { type: 'array', description: 'The choices of a pickString input.' },
      command: { type: 'string', description: 'The command that yields the value (type "command").' },
      args: { description: 'Arguments for the command.' },
    },
    // What VS Code's own schema requires of each input type.
    allOf: [
      { if: { required: ['type'], properties: { type: { const: 'promptString' } } }, then: { required: ['description'] } },
      { if: { required: ['type'], properties: { type: { const: 'pickString' } } }, then: { required: ['description', 'options'] } },
      { if: { required: ['type'], properties: { type: { const: 'command' } } }, then: { required: ['command'] } },
    ],
  },
};

export function clientConfigSchemaUrl(kind: ClientKind): string {
  return `mcp-workbench://schemas/${kind}.schema.json`;
}

export function clientConfigSchema(kind: ClientKind): JsonSchema {
  const f = CLIENT_FORMATS[kind];
  const server: JsonSchema = {
    type: 'object',
    description: `One server of a ${f.docs}.`,
    properties: Object.fromEntries(f.serverKeys.map((k) => [k, keySchema(kind, k)])),
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: clientConfigSchemaUrl(kind),
    title: f.docs,
    $comment: 'Written by MCP Workbench from the client\'s documentation; see schemas/SOURCES.md.',
    type: 'object',
    ...(f.strictJson ? {} : { allowComments: true, allowTrailingCommas: true }),
    properties: {
      [f.rootKey]: { type: 'object', description: `The servers, by name.`, additionalProperties: server },
      ...(kind === 'vscode-mcp' ? { inputs: vscodeInputs, sandbox: vscodeSandbox } : {}),
      ...(kind === 'gemini' ? { mcp: geminiMcp } : {}),
    },
  };
}
