// The project's own server.json schemas must accept and reject the same corpus files as the published
// reference schemas (kept in ../shared/corpus/schemas, read here, never copied into the project).
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { SERVER_JSON_VERSIONS, serverJsonSchema } from '../../../src/core/manifest/serverJsonSchemas';
import { CORPUS, corpusAvailable } from './corpusHelpers';

function validator(schema: object): (doc: unknown) => boolean {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const fn = ajv.compile(schema);
  return (doc) => fn(doc) as boolean;
}

describe('authored server.json schemas agree with the published ones', function () {
  if (!corpusAvailable()) {
    it('needs ../shared/corpus next to the project');
    return;
  }
  const dirs = [path.join(CORPUS, 'manifests', 'real', 'server-json'), path.join(CORPUS, 'manifests', 'seeded')];
  const docs = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.json')).map((f) => path.join(d, f)));
  const parsed = docs
    .map((f) => {
      try {
        return { f, v: JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown> };
      } catch {
        return undefined;
      }
    })
    .filter((x): x is { f: string; v: Record<string, unknown> } => !!x && typeof x.v.name === 'string' && 'description' in x.v);
  for (const version of SERVER_JSON_VERSIONS) {
    const refFile = path.join(CORPUS, 'schemas', `server-${version}.schema.json`);
    it(`${version}: same verdict as the reference schema on ${parsed.length} documents`, function () {
      if (!existsSync(refFile)) this.skip();
      const ours = validator(serverJsonSchema(version));
      const ref = validator(JSON.parse(readFileSync(refFile, 'utf8')));
      const disagreements = parsed.filter(({ v }) => ours(v) !== ref(v)).map(({ f, v }) => `${path.basename(f)}: ours ${ours(v)}, reference ${ref(v)}`);
      assert.deepEqual(disagreements, []);
      // The comparison must have both outcomes to mean anything.
      const verdicts = new Set(parsed.map(({ v }) => ref(v)));
      assert.equal(verdicts.size, 2, 'corpus gives only one verdict for this version');
    });
  }
});
