// schemas/ holds the authored schemas as files; they must be exactly what the code validates with.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { authoredSchemaFiles } from '../../../src/core/manifest/authoredSchemaFiles';

const SCHEMAS = path.resolve(__dirname, '../../../schemas');

describe('schemas/ folder', () => {
  const files = authoredSchemaFiles();
  if (process.env.UPDATE_SCHEMAS === '1') {
    for (const f of files) {
      mkdirSync(path.dirname(path.join(SCHEMAS, f.name)), { recursive: true });
      writeFileSync(path.join(SCHEMAS, f.name), f.content);
    }
  }
  for (const f of files) {
    it(`${f.name} is up to date (UPDATE_SCHEMAS=1 rewrites it)`, () => {
      const p = path.join(SCHEMAS, f.name);
      assert.ok(existsSync(p), `${f.name} is missing`);
      assert.equal(readFileSync(p, 'utf8'), f.content);
    });
  }
  it('SOURCES.md names every schema file', () => {
    const sources = readFileSync(path.join(SCHEMAS, 'SOURCES.md'), 'utf8');
    for (const f of files) assert.ok(sources.includes(f.name), `${f.name} not in SOURCES.md`);
  });
});
