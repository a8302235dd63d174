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
      return { type: 'object', properties: { watch: { type: 'string', description: 'A glob of files whose change restarts the server.' }, debug: { type: 'object', description: 'Attach a debugger when the server starts (stdio only).' } }, description: 'Development mode: restart on change and debug.' };
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
      ...(kind === 'vscode-mcp' ? { inputs: vscodeInputs } : {}),
    },
  };
}
