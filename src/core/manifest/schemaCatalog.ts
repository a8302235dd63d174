// Picks the JSON Schema a manifest is checked against: by kind, by `$schema` for server.json, by
// `manifest_version` for MCPB. Every schema is bundled, so nothing is fetched.
import mcpb01 from '../../../node_modules/@anthropic-ai/mcpb/dist/mcpb-manifest-v0.1.schema.json';
import mcpb02 from '../../../node_modules/@anthropic-ai/mcpb/dist/mcpb-manifest-v0.2.schema.json';
import mcpb03 from '../../../node_modules/@anthropic-ai/mcpb/dist/mcpb-manifest-v0.3.schema.json';
import mcpb04 from '../../../node_modules/@anthropic-ai/mcpb/dist/mcpb-manifest-v0.4.schema.json';
import { clientConfigSchema, clientConfigSchemaUrl } from './clientConfigSchemas';
import { CLIENT_FORMATS, ClientKind } from './clientFormats';
import { CONFIG_KIND_LABELS, ConfigKind } from './configKinds';
import {
  CURRENT_SERVER_JSON_VERSION,
  JsonSchema,
  SERVER_JSON_VERSIONS,
  ServerJsonVersion,
  changesSince,
  serverJsonSchema,
  serverJsonSchemaUrl,
} from './serverJsonSchemas';

export interface SchemaProblem {
  code: 'schema-missing' | 'schema-unknown' | 'schema-deprecated' | 'schema-draft' | 'mcpb-version-missing' | 'mcpb-version-unknown';
  message: string;
  /** A `$schema` (or version) value that would fix it. */
  replacement?: string;
}

export interface SchemaChoice {
  /** Stable short id, e.g. "server.json@2025-12-11", "mcpb@0.3", "vscode-mcp". */
  id: string;
  uri: string;
  /** Human label for the status item and CLI output. */
  label: string;
  schema: JsonSchema;
  problem?: SchemaProblem;
}

/** Every manifest_version @anthropic-ai/mcpb knows (a unit test compares this with the installed package). */
export const MCPB_VERSIONS = ['0.1', '0.2', '0.3', '0.4'] as const;
const MCPB_SCHEMAS: Record<string, JsonSchema> = { '0.1': mcpb01, '0.2': mcpb02, '0.3': mcpb03, '0.4': mcpb04 };
/** The package's LATEST_MANIFEST_VERSION. */
export const CURRENT_MCPB_VERSION = '0.4';

/** The bundled MCPB schema of one manifest version. */
export function mcpbSchema(version: string): JsonSchema | undefined {
  return MCPB_SCHEMAS[version];
}

export function mcpbSchemaUrl(version: string): string {
  return `mcp-workbench://schemas/mcpb-manifest-v${version}.schema.json`;
}

const cache = new Map<string, JsonSchema>();
function cached(key: string, build: () => JsonSchema): JsonSchema {
  let s = cache.get(key);
  if (!s) cache.set(key, (s = build()));
  return s;
}

function serverJsonChoice(version: ServerJsonVersion, problem?: SchemaProblem): SchemaChoice {
  return {
    id: `server.json@${version}`,
    uri: serverJsonSchemaUrl(version),
    label: `server.json ${version}`,
    schema: cached(`server-json:${version}`, () => serverJsonSchema(version)),
    problem,
  };
}

const SERVER_SCHEMA_URL = /^https:\/\/static\.modelcontextprotocol\.io\/schemas\/([^/]+)\/server\.schema\.json$/;

/** Choices by declared "$schema" string: every keystroke of a document asks again with the same URL. */
const serverJsonChoices = new Map<string, SchemaChoice>();

function chooseServerJson(value: Record<string, unknown> | undefined): SchemaChoice {
  const declared = value?.$schema;
  if (typeof declared !== 'string') return chooseServerJsonFor(declared);
  let choice = serverJsonChoices.get(declared);
  if (!choice) {
    choice = chooseServerJsonFor(declared);
    if (serverJsonChoices.size < 64) serverJsonChoices.set(declared, choice);
  }
  return choice;
}

function chooseServerJsonFor(declared: unknown): SchemaChoice {
  const current = serverJsonSchemaUrl(CURRENT_SERVER_JSON_VERSION);
  if (declared === undefined || declared === '') {
    return serverJsonChoice(CURRENT_SERVER_JSON_VERSION, {
      code: 'schema-missing',
      message: `server.json has no "$schema"; the registry requires one (current: ${current}).`,
      replacement: current,
    });
  }
  const m = typeof declared === 'string' ? SERVER_SCHEMA_URL.exec(declared) : null;
  const version = m?.[1];
  if (version === 'draft') {
    return serverJsonChoice('draft', { code: 'schema-draft', message: 'The draft server.json schema may still change; publish against a dated version.', replacement: current });
  }
  if (version && (SERVER_JSON_VERSIONS as readonly string[]).includes(version)) {
    if (version === CURRENT_SERVER_JSON_VERSION) return serverJsonChoice(version);
    return serverJsonChoice(version as ServerJsonVersion, {
      code: 'schema-deprecated',
      message: `"$schema" names the ${version} server.json schema, which is still valid; moving to ${CURRENT_SERVER_JSON_VERSION} changes: ${changesSince(version as ServerJsonVersion).join('; ') || 'no rule'}.`,
      replacement: current,
    });
  }
  return serverJsonChoice(CURRENT_SERVER_JSON_VERSION, {
    code: 'schema-unknown',
    message: `"${String(declared)}" is not a published server.json schema; published dates are ${SERVER_JSON_VERSIONS.join(', ')}.`,
    replacement: current,
  });
}

function mcpbChoice(version: string, problem?: SchemaProblem): SchemaChoice {
  return { id: `mcpb@${version}`, uri: mcpbSchemaUrl(version), label: `MCPB manifest ${version}`, schema: MCPB_SCHEMAS[version], problem };
}

function chooseMcpb(value: Record<string, unknown> | undefined): SchemaChoice {
  const declared = value?.manifest_version ?? value?.dxt_version;
  if (declared === undefined) {
    return mcpbChoice(CURRENT_MCPB_VERSION, { code: 'mcpb-version-missing', message: `manifest.json has no "manifest_version" (newest: "${CURRENT_MCPB_VERSION}").`, replacement: CURRENT_MCPB_VERSION });
  }
  if (typeof declared === 'string' && MCPB_SCHEMAS[declared]) return mcpbChoice(declared);
  return mcpbChoice(CURRENT_MCPB_VERSION, {
    code: 'mcpb-version-unknown',
    message: `"${String(declared)}" is not an MCPB manifest version; known versions are ${MCPB_VERSIONS.join(', ')}.`,
    replacement: CURRENT_MCPB_VERSION,
  });
}

/** The schema for a document of this kind; `value` is the parsed document (may be partial or undefined). */
export function chooseSchema(kind: ConfigKind, value: unknown): SchemaChoice {
  const obj = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  if (kind === 'server-json') return chooseServerJson(obj);
  if (kind === 'mcpb') return chooseMcpb(obj);
  const client = kind as ClientKind;
  return {
    id: client,
    uri: clientConfigSchemaUrl(client),
    label: CONFIG_KIND_LABELS[client] ?? CLIENT_FORMATS[client].docs,
    schema: cached(`client:${client}`, () => clientConfigSchema(client)),
  };
}

/** Every bundled schema with its URI, e.g. to serve `$schema` URLs offline or to write them out. */
export function allSchemas(): { uri: string; schema: JsonSchema }[] {
  const out: { uri: string; schema: JsonSchema }[] = [];
  for (const v of [...SERVER_JSON_VERSIONS, 'draft' as const]) out.push({ uri: serverJsonSchemaUrl(v), schema: cached(`server-json:${v}`, () => serverJsonSchema(v)) });
  for (const v of MCPB_VERSIONS) out.push({ uri: mcpbSchemaUrl(v), schema: MCPB_SCHEMAS[v] });
  for (const k of Object.keys(CLIENT_FORMATS) as ClientKind[]) out.push({ uri: clientConfigSchemaUrl(k), schema: cached(`client:${k}`, () => clientConfigSchema(k)) });
  return out;
}
