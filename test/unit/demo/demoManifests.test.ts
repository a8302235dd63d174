// The demo workspace's configs: server.json is valid against the registry schema it names, and both configs
// list the servers the Servers view should show.
import * as assert from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readServerEntries } from '../../../src/core/manifest/serverEntries';

const DEMO = path.resolve(__dirname, '..', '..', '..', 'demo');
const SCHEMAS = path.resolve(__dirname, '../../../../shared/corpus/schemas');

describe('demo workspace configs', () => {
  it('server.json validates against the 2025-12-11 registry schema it names', () => {
    const doc: { $schema: string; description: string } = JSON.parse(readFileSync(path.join(DEMO, 'server.json'), 'utf8'));
    assert.strictEqual(doc.$schema, 'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json');
    const schema = JSON.parse(readFileSync(path.join(SCHEMAS, 'server-2025-12-11.schema.json'), 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const valid = validate(doc);
    assert.ok(valid, JSON.stringify(validate.errors, null, 2));
    assert.ok(JSON.parse(readFileSync(path.join(DEMO, 'server.json'), 'utf8')).description.length <= 100);
  });

  it('server.json lists its npm package and its remote', () => {
    const file = path.join(DEMO, 'server.json');
    const r = readServerEntries(file, readFileSync(file, 'utf8'));
    assert.deepStrictEqual(r.servers.map((s) => [s.transport, s.command ?? s.url]), [
      ['stdio', 'npx'],
      ['http', 'https://demo.mcp-workbench.example.com/mcp'],
    ]);
  });

  it('.vscode/mcp.json starts the demo server with node from the workspace folder', () => {
    const file = path.join(DEMO, '.vscode', 'mcp.json');
    const r = readServerEntries(file, readFileSync(file, 'utf8'));
    assert.strictEqual(r.error, undefined);
    const demo = r.servers.find((s) => s.name === 'demo');
    assert.deepStrictEqual([demo?.transport, demo?.command, demo?.args], ['stdio', 'node', ['${workspaceFolder}/server.mjs']]);
  });
});
