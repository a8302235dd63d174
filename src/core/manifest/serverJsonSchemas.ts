// The MCP registry's server.json format, one JSON Schema per published date, written by this project from the
// registry's published rules (see schemas/SOURCES.md). The dated versions differ in a few systematic ways, so
// they are built from one description with switches instead of seven near-identical files.

export type JsonSchema = Record<string, unknown>;

/** Published server.json schema dates, oldest first. The last one is current. */
export const SERVER_JSON_VERSIONS = ['2025-07-09', '2025-09-16', '2025-09-29', '2025-10-11', '2025-10-17', '2025-12-11'] as const;
export type ServerJsonVersion = (typeof SERVER_JSON_VERSIONS)[number] | 'draft';
export const CURRENT_SERVER_JSON_VERSION: ServerJsonVersion = '2025-12-11';

/** What each dated version changed against the one before it (versions that changed no rule are absent). */
const CHANGES: Partial<Record<ServerJsonVersion, string>> = {
  '2025-09-16': 'keys are camelCase (registry_type becomes registryType, package_arguments packageArguments, …)',
  '2025-09-29': 'publishers no longer set "status" or the registry\'s own _meta block',
  '2025-10-11': '"title", "icons" and input "placeholder" are added, packages may carry other keys and need no "version", and transport URLs must start with http(s)://',
  '2025-12-11': 'remotes may define their URL {variables}',
};

/** What moving a file from `version` to the current schema changes, oldest change first. */
export function changesSince(version: ServerJsonVersion): string[] {
  return SERVER_JSON_VERSIONS.filter((v) => v > version).flatMap((v) => (CHANGES[v] ? [`${CHANGES[v]} (${v})`] : []));
}

export function serverJsonSchemaUrl(version: ServerJsonVersion): string {
  return `https://static.modelcontextprotocol.io/schemas/${version}/server.schema.json`;
}

interface Features {
  snakeCase: boolean; // 2025-07-09 spelled keys in snake_case
  statusField: boolean; // until 2025-09-16 the publisher could set status
  officialMeta: boolean; // until 2025-09-16 _meta documented the registry's own block
  strictPackage: boolean; // until 2025-09-29 a package allowed no unknown keys and required a version
  icons: boolean; // from 2025-10-11: icons, title, input placeholder
  remoteVariables: boolean; // from 2025-12-11: remotes carry URL template variables
  urlPattern: boolean; // from 2025-10-11 transport URLs must start with http(s)://
}

function features(version: ServerJsonVersion): Features {
  const v = version === 'draft' ? '9999-99-99' : version;
  return {
    snakeCase: v <= '2025-07-09',
    statusField: v <= '2025-09-16',
    officialMeta: v <= '2025-09-16',
    strictPackage: v <= '2025-09-29',
    icons: v >= '2025-10-11',
    remoteVariables: v >= '2025-12-11',
    urlPattern: v >= '2025-10-11',
  };
}

const str = (description: string, extra: JsonSchema = {}): JsonSchema => ({ type: 'string', description, ...extra });
const bool = (description: string): JsonSchema => ({ type: 'boolean', default: false, description });

/** Builds the schema for one dated version (or the draft, which follows the current one). */
export function serverJsonSchema(version: ServerJsonVersion): JsonSchema {
  const f = features(version);
  const k = (camel: string): string => (f.snakeCase ? camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) : camel);
  // Before 2025-10-11 only SSE URLs were checked (as URIs); later both must start with http(s)://.
  const url = (description: string, sse = false): JsonSchema => str(description, f.urlPattern ? { pattern: '^https?://[^\\s]+$' } : sse ? { format: 'uri' } : {});

  const input: JsonSchema = {
    type: 'object',
    description: 'A value the client asks the user for, or fills in itself.',
    properties: {
      description: str('Shown to the user when the value is requested.'),
      [k('isRequired')]: bool('Whether the server cannot start without this value.'),
      format: { type: 'string', enum: ['string', 'number', 'boolean', 'filepath'], default: 'string', description: 'How the value is entered and checked.' },
      value: str('A fixed value, which may reference {variables}.'),
      [k('isSecret')]: bool('Whether the value is a secret (kept out of logs, entered as a password).'),
      default: str('The value used when the user gives none.'),
      ...(f.icons ? { placeholder: str('Hint text shown in an empty input box.') } : {}),
      choices: { type: 'array', items: { type: 'string' }, description: 'The only values allowed.' },
    },
  };
  const inputWithVariables: JsonSchema = {
    allOf: [
      { $ref: '#/definitions/Input' },
      {
        type: 'object',
        properties: {
          variables: { type: 'object', additionalProperties: { $ref: '#/definitions/Input' }, description: 'Definitions of the {variables} used in value.' },
        },
      },
    ],
  };
  const keyValueInput: JsonSchema = {
    allOf: [
      { $ref: '#/definitions/InputWithVariables' },
      { type: 'object', required: ['name'], properties: { name: str('The environment variable or header name.') } },
    ],
  };
  const positional: JsonSchema = {
    allOf: [
      { $ref: '#/definitions/InputWithVariables' },
      {
        type: 'object',
        required: ['type'],
        anyOf: [{ required: [k('valueHint')] }, { required: ['value'] }],
        properties: {
          type: { type: 'string', enum: ['positional'], description: 'A bare argument placed by position.' },
          [k('valueHint')]: str('A name for the value, shown to the user.'),
          [k('isRepeated')]: bool('Whether the argument may be given more than once.'),
        },
      },
    ],
  };
  const named: JsonSchema = {
    allOf: [
      { $ref: '#/definitions/InputWithVariables' },
      {
        type: 'object',
        required: ['type', 'name'],
        properties: {
          type: { type: 'string', enum: ['named'], description: 'A flag, such as --port, followed by its value.' },
          name: str('The flag itself, e.g. "--port" or "-e".'),
          [k('isRepeated')]: bool('Whether the flag may be given more than once.'),
        },
      },
    ],
  };
  const headers: JsonSchema = { type: 'array', items: { $ref: '#/definitions/KeyValueInput' }, description: 'HTTP headers the client sends.' };
  const stdio: JsonSchema = {
    type: 'object',
    required: ['type'],
    properties: { type: { type: 'string', enum: ['stdio'], description: 'The client starts the package and talks over stdin/stdout.' } },
  };
  const streamable: JsonSchema = {
    type: 'object',
    required: ['type', 'url'],
    properties: {
      type: { type: 'string', enum: ['streamable-http'], description: 'Streamable HTTP transport.' },
      url: url('The endpoint URL; may contain {variables}.'),
      headers,
    },
  };
  const sse: JsonSchema = {
    type: 'object',
    required: ['type', 'url'],
    properties: {
      type: { type: 'string', enum: ['sse'], description: 'The legacy HTTP+SSE transport.' },
      url: url('The SSE endpoint URL; may contain {variables}.', true),
      headers,
    },
  };
  const packageProps: JsonSchema = {
    [k('registryType')]: str('Where the package is published: npm, pypi, oci, nuget or mcpb.', { examples: ['npm', 'pypi', 'oci', 'nuget', 'mcpb'] }),
    [k('registryBaseUrl')]: str('The registry the package is downloaded from, when not the default one.', { format: 'uri' }),
    identifier: str('The package name in its registry, an image reference, or a download URL for mcpb.'),
    version: str('The exact package version; never "latest" or a range.', { minLength: 1, not: { const: 'latest' } }),
    [k('fileSha256')]: str('SHA-256 of the downloaded file (mcpb packages), 64 lowercase hex digits.', { pattern: '^[a-f0-9]{64}$' }),
    [k('runtimeHint')]: str('The program that runs the package, e.g. npx, uvx, docker or dnx.'),
    transport: { anyOf: [{ $ref: '#/definitions/StdioTransport' }, { $ref: '#/definitions/StreamableHttpTransport' }, { $ref: '#/definitions/SseTransport' }], description: 'How a client talks to the running package.' },
    [k('runtimeArguments')]: { type: 'array', items: { $ref: '#/definitions/Argument' }, description: 'Arguments for the runtime (before the package).' },
    [k('packageArguments')]: { type: 'array', items: { $ref: '#/definitions/Argument' }, description: 'Arguments for the package itself.' },
    [k('environmentVariables')]: { type: 'array', items: { $ref: '#/definitions/KeyValueInput' }, description: 'Environment variables the package reads.' },
  };
  const pkg: JsonSchema = {
    type: 'object',
    description: 'A package a client can install and run locally.',
    required: [k('registryType'), 'identifier', ...(f.strictPackage ? ['version'] : []), 'transport'],
    properties: packageProps,
    ...(f.strictPackage ? { additionalProperties: false } : {}),
  };
  const repository: JsonSchema = {
    type: 'object',
    description: 'Where the source code lives.',
    required: ['url', 'source'],
    properties: {
      url: str('The repository URL, e.g. https://github.com/owner/repo.', { format: 'uri' }),
      source: str('The hosting service, e.g. "github" or "gitlab".'),
      id: str('The hosting service\'s stable id for the repository.'),
      subfolder: str('The folder inside a monorepo that holds this server.'),
    },
  };
  const icon: JsonSchema = {
    type: 'object',
    required: ['src'],
    properties: {
      src: str('An https URL of the icon image.', { format: 'uri', maxLength: 255 }),
      mimeType: { type: 'string', enum: ['image/png', 'image/jpeg', 'image/jpg', 'image/svg+xml', 'image/webp'], description: 'The image type.' },
      sizes: { type: 'array', items: { type: 'string', pattern: '^(\\d+x\\d+|any)$' }, description: 'Sizes such as "48x48", or "any" for scalable images.' },
      theme: { type: 'string', enum: ['light', 'dark'], description: 'The background the icon is designed for.' },
    },
  };
  const remote: JsonSchema = f.remoteVariables
    ? {
        allOf: [
          { anyOf: [{ $ref: '#/definitions/StreamableHttpTransport' }, { $ref: '#/definitions/SseTransport' }] },
          { type: 'object', properties: { variables: { type: 'object', additionalProperties: { $ref: '#/definitions/Input' }, description: 'Definitions of the {variables} used in the URL.' } } },
        ],
      }
    : { anyOf: [{ $ref: '#/definitions/StreamableHttpTransport' }, { $ref: '#/definitions/SseTransport' }] };
  const meta: JsonSchema = {
    type: 'object',
    description: 'Extra metadata under reverse-DNS keys.',
    properties: {
      'io.modelcontextprotocol.registry/publisher-provided': { type: 'object', additionalProperties: true, description: 'Free-form metadata from the publisher (at most 4 KB).' },
      ...(f.officialMeta ? { 'io.modelcontextprotocol.registry/official': { type: 'object', additionalProperties: true, description: 'Set by the registry, not by publishers.' } } : {}),
    },
  };
  const serverProps: JsonSchema = {
    $schema: str('The URL of the server.json schema version this file follows.', { format: 'uri' }),
    name: str('Reverse-DNS name with exactly one slash, e.g. "io.github.owner/server".', { minLength: 3, maxLength: 200, pattern: '^[a-zA-Z0-9.-]+/[a-zA-Z0-9._-]+$' }),
    description: str('What the server does, in at most 100 characters.', { minLength: 1, maxLength: 100 }),
    ...(f.icons ? { title: str('A display name, at most 100 characters.', { minLength: 1, maxLength: 100 }) } : {}),
    version: str('The exact version of this server (semantic versioning recommended); not a range.', { maxLength: 255 }),
    ...(f.statusField ? { status: { type: 'string', enum: ['active', 'deprecated', 'deleted'], default: 'active', description: 'Lifecycle state.' } } : {}),
    [k('websiteUrl')]: str('The server\'s home page or documentation.', { format: 'uri' }),
    repository: { $ref: '#/definitions/Repository' },
    ...(f.icons ? { icons: { type: 'array', items: { $ref: '#/definitions/Icon' }, description: 'Icons a client may show.' } } : {}),
    packages: { type: 'array', items: { $ref: '#/definitions/Package' }, description: 'Packages a client can install and run locally.' },
    remotes: { type: 'array', items: { $ref: '#/definitions/RemoteTransport' }, description: 'Hosted endpoints a client can connect to.' },
    _meta: meta,
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: serverJsonSchemaUrl(version),
    title: `MCP registry server.json (${version})`,
    $comment: 'Written by MCP Workbench from the registry\'s published rules; see schemas/SOURCES.md.',
    type: 'object',
    required: ['name', 'description', 'version'],
    properties: serverProps,
    definitions: {
      Input: input,
      InputWithVariables: inputWithVariables,
      KeyValueInput: keyValueInput,
      PositionalArgument: positional,
      NamedArgument: named,
      Argument: { anyOf: [{ $ref: '#/definitions/PositionalArgument' }, { $ref: '#/definitions/NamedArgument' }] },
      StdioTransport: stdio,
      StreamableHttpTransport: streamable,
      SseTransport: sse,
      RemoteTransport: remote,
      Package: pkg,
      Repository: repository,
      ...(f.icons ? { Icon: icon } : {}),
    },
  };
}
