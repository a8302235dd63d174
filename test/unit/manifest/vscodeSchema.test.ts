// The project's mcp.json checks against the schema VS Code itself registers for mcp.json, extracted from the
// code-server bundle the tests run (scripts/extract-vscode-mcp-schema.mjs writes the fixture). Samples are
// generated from VS Code's schema: every documented key of every server shape, every nested option, every
// input type. What VS Code's schema accepts, the project must accept (no error); what it refuses, the
// project must report as an error.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { JSONSchema, TextDocument, getLanguageService } from 'vscode-json-languageservice';
import { clientConfigSchema, clientConfigSchemaUrl } from '../../../src/core/manifest/clientConfigSchemas';
import { validateManifest } from '../../../src/core/manifest/validateManifest';

type Schema = Record<string, unknown>;
const FIXTURE = JSON.parse(readFileSync(path.resolve(__dirname, '../../fixtures/manifest/vscode-mcp-schema.json'), 'utf8')) as { codeServerVersion: string; vscodeVersion: string; schema: Schema };

function validatorFor(uri: string, schema: Schema): (text: string) => Promise<string[]> {
  const ls = getLanguageService({});
  ls.configure({ validate: true, allowComments: true, schemas: [{ uri, fileMatch: ['*'], schema: schema as JSONSchema }] });
  return async (text) => {
    const doc = TextDocument.create('file:///ws/.vscode/mcp.json', 'jsonc', 1, text);
    const found = await ls.doValidation(doc, ls.parseJSONDocument(doc), { comments: 'ignore', trailingCommas: 'ignore', schemaValidation: 'error' });
    return found.map((d) => (typeof d.message === 'string' ? d.message : d.message.value));
  };
}
const vscodeProblems = validatorFor(FIXTURE.schema.id as string, FIXTURE.schema);
const ourSchemaProblems = validatorFor(clientConfigSchemaUrl('vscode-mcp'), clientConfigSchema('vscode-mcp'));

async function ourErrors(doc: unknown): Promise<string[]> {
  const report = await validateManifest('/ws/.vscode/mcp.json', JSON.stringify(doc, null, 2));
  return report.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.path}: ${d.message}`);
}

const obj = (s: unknown): Schema => (s && typeof s === 'object' && !Array.isArray(s) ? (s as Schema) : {});
const alternatives = (s: Schema): Schema[] => [...((s.oneOf ?? s.anyOf ?? []) as Schema[])];

/** Values a schema accepts: its examples, default, enum and const values, one per alternative, one per type. */
function samples(s: Schema): unknown[] {
  const out: unknown[] = [];
  if (Array.isArray(s.examples)) out.push(...s.examples);
  if (s.default !== undefined) out.push(s.default);
  if (Array.isArray(s.enum)) out.push(...s.enum);
  if (s.const !== undefined) out.push(s.const);
  for (const alt of alternatives(s)) out.push(...samples(alt));
  if (Array.isArray(s.enum) || s.const !== undefined) return out;
  // A map schema may give only additionalProperties (VS Code's env does).
  const type = Array.isArray(s.type) ? s.type : [s.type ?? (s.additionalProperties || s.properties ? 'object' : undefined)];
  for (const t of type) {
    if (t === 'string') out.push(s.format === 'uri' || String(s.pattern ?? '').includes('https?') ? 'https://example.com/mcp' : 'value');
    if (t === 'boolean') out.push(true, false);
    if (t === 'number' || t === 'integer') out.push(1);
    if (t === 'null') out.push(null);
    if (t === 'array') out.push([], ...samples(obj(s.items)).map((v) => [v]));
    if (t === 'object') out.push(...objectSamples(s));
  }
  return unique(out);
}

function unique(values: unknown[]): unknown[] {
  const seen = new Set<string>();
  return values.filter((v) => !seen.has(JSON.stringify(v)) && !!seen.add(JSON.stringify(v)));
}

/** The required keys filled in, then each optional key alone with each of its samples. */
function objectSamples(s: Schema): Schema[] {
  const props = obj(s.properties);
  const base: Schema = {};
  for (const k of (s.required ?? []) as string[]) base[k] = samples(obj(props[k]))[0];
  const out: Schema[] = Object.keys(base).length || !s.minProperties ? [base] : [];
  for (const [k, ps] of Object.entries(props)) {
    if (k in base) continue;
    for (const v of samples(obj(ps))) out.push({ ...base, [k]: v });
  }
  if (s.additionalProperties && typeof s.additionalProperties === 'object') {
    for (const v of samples(obj(s.additionalProperties))) out.push({ ...base, NAME: v });
  }
  return out;
}

const SERVER_SHAPES = alternatives(obj(obj(obj(FIXTURE.schema.properties).servers).additionalProperties));
/** Each shape's entry with what a client needs to start it: stdio gets a command, http a url. */
function baseEntry(shape: Schema): Schema {
  const props = obj(shape.properties);
  return 'url' in props ? { url: 'https://example.com/mcp' } : { command: 'node', args: ['server.js'] };
}

/** Documents VS Code's schema accepts: each key of each server shape, each top-level section, each input. */
function acceptedDocuments(): { name: string; doc: Schema }[] {
  const docs: { name: string; doc: Schema }[] = [];
  SERVER_SHAPES.forEach((shape, i) => {
    const label = 'url' in obj(shape.properties) ? 'http' : 'stdio';
    for (const [key, ps] of Object.entries(obj(shape.properties))) {
      samples(obj(ps)).forEach((v, j) => docs.push({ name: `${label} server, "${key}" #${j + 1}: ${JSON.stringify(v)}`, doc: { servers: { [`s${i}`]: { ...baseEntry(shape), [key]: v } } } }));
    }
  });
  const top = obj(FIXTURE.schema.properties);
  for (const key of Object.keys(top).filter((k) => k !== 'servers' && k !== 'inputs')) {
    samples(obj(top[key])).forEach((v, j) => docs.push({ name: `top-level "${key}" #${j + 1}: ${JSON.stringify(v)}`, doc: { [key]: v, servers: { a: { command: 'node', sandboxEnabled: true } } } }));
  }
  for (const input of alternatives(obj(obj(top.inputs).items))) {
    for (const sample of objectSamples(input)) {
      const id = 'in';
      const value = { ...sample, id };
      docs.push({ name: `input ${JSON.stringify(value)}`, doc: { inputs: [value], servers: { a: { command: 'node', args: [`\${input:${id}}`] } } } });
    }
  }
  return docs;
}

describe(`VS Code's own mcp.json schema (VS Code ${FIXTURE.vscodeVersion}, code-server ${FIXTURE.codeServerVersion})`, () => {
  const docs = acceptedDocuments();

  it('was extracted from the code-server the tests run (re-run scripts/extract-vscode-mcp-schema.mjs when it changes)', async () => {
    const toolchain = (await import(path.resolve(__dirname, '../../../scripts/ensure-toolchain.mjs'))) as { CODE_SERVER_VERSION: string };
    assert.equal(FIXTURE.codeServerVersion, toolchain.CODE_SERVER_VERSION);
  });

  it('yields samples for every key of both server shapes', () => {
    assert.equal(SERVER_SHAPES.length, 2);
    for (const shape of SERVER_SHAPES) for (const key of Object.keys(obj(shape.properties))) assert.ok(docs.some((d) => d.name.includes(`"${key}"`)), `no sample for ${key}`);
    assert.ok(docs.length > 40, `only ${docs.length} samples`);
  });

  for (const { name, doc } of docs) {
    it(`accepts ${name}`, async () => {
      // The sample must be one VS Code accepts, or the comparison proves nothing.
      assert.deepEqual(await vscodeProblems(JSON.stringify(doc)), [], 'VS Code\'s schema refuses the sample');
      assert.deepEqual(await ourSchemaProblems(JSON.stringify(doc)), [], 'the project\'s schema refuses it');
      assert.deepEqual(await ourErrors(doc), []);
    });
  }

  // The cases from issue 14, written as a user would.
  const CASES: [string, Schema][] = [
    ['oauth with clientId', { servers: { api: { type: 'http', url: 'https://api.example.com/mcp', oauth: { clientId: 'my-client' } } } }],
    ['oauth with enterpriseManaged', { servers: { api: { type: 'http', url: 'https://api.example.com/mcp', oauth: { clientId: 'my-client', enterpriseManaged: true } } } }],
    ['sandboxEnabled with sandbox settings', { sandbox: { network: { allowedDomains: ['*.example.com'] }, filesystem: { allowWrite: ['${workspaceFolder}/out'], denyRead: ['~/.ssh'] } }, servers: { fs: { type: 'stdio', command: 'npx', args: ['-y', 'server-fs'], sandboxEnabled: true } } }],
    ['dev with watch and node debug', { servers: { dev: { command: 'node', args: ['build/index.js'], dev: { watch: 'build/**/*.js', debug: { type: 'node' } } } } }],
    ['dev with a watch list and debugpy', { servers: { py: { command: 'python', args: ['-m', 'srv'], dev: { watch: ['src/**/*.py', 'pyproject.toml'], debug: { type: 'debugpy', debugpyPath: '/usr/bin/debugpy' } } } } }],
    ['envFile', { servers: { a: { command: 'node', args: ['s.js'], envFile: '${workspaceFolder}/.env' } } }],
  ];
  for (const [name, doc] of CASES) {
    it(`accepts ${name}`, async () => {
      assert.deepEqual(await vscodeProblems(JSON.stringify(doc)), []);
      assert.deepEqual(await ourErrors(doc), []);
    });
  }

  it('accepts "gallery" and "version", which VS Code writes itself when it installs from its gallery', async () => {
    const doc = { servers: { 'io.github.example/weather': { type: 'stdio', command: 'npx', args: ['-y', '@example/weather@1.2.0'], gallery: 'https://api.mcp.github.com', version: '1.2.0' }, remote: { type: 'http', url: 'https://example.com/mcp', gallery: true, version: '2.0.0' } } };
    assert.deepEqual(await ourErrors(doc), []);
  });

  // What VS Code's schema refuses is an error here too.
  const REFUSED: [string, Schema][] = [
    ['an unknown server key', { servers: { a: { command: 'node', colour: 'red' } } }],
    ['oauth on a stdio server', { servers: { a: { command: 'node', oauth: { clientId: 'x' } } } }],
    ['sandboxEnabled on an http server', { servers: { a: { type: 'http', url: 'https://example.com/mcp', sandboxEnabled: true } } }],
    ['an unknown oauth key', { servers: { a: { type: 'http', url: 'https://example.com/mcp', oauth: { client_id: 'x' } } } }],
    ['an empty oauth', { servers: { a: { type: 'http', url: 'https://example.com/mcp', oauth: {} } } }],
    ['a debug type VS Code does not know', { servers: { a: { command: 'node', dev: { debug: { type: 'lldb' } } } } }],
    ['an unknown sandbox key', { sandbox: { network: { allowed: ['x'] } }, servers: { a: { command: 'node' } } }],
    ['a non-boolean sandboxEnabled', { servers: { a: { command: 'node', sandboxEnabled: 'yes' } } }],
    ['type "streamable-http"', { servers: { a: { type: 'streamable-http', url: 'https://example.com/mcp' } } }],
    ['an unknown top-level key', { mcpServers: {}, servers: { a: { command: 'node' } } }],
    ['sandbox settings inside a server', { servers: { a: { command: 'node', sandboxEnabled: true, sandbox: { network: { allowedDomains: ['x.example.com'] } } } } }],
    ['a promptString input without a description', { inputs: [{ id: 't', type: 'promptString' }], servers: { a: { command: 'node', args: ['${input:t}'] } } }],
    ['a pickString input without options', { inputs: [{ id: 't', type: 'pickString', description: 'Pick' }], servers: { a: { command: 'node', args: ['${input:t}'] } } }],
  ];
  for (const [name, doc] of REFUSED) {
    it(`reports ${name} as an error, as VS Code's schema does`, async () => {
      assert.notDeepEqual(await vscodeProblems(JSON.stringify(doc)), [], 'VS Code\'s schema accepts the sample');
      assert.notDeepEqual(await ourErrors(doc), []);
    });
  }
});
