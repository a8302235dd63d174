// Every file of the shared real-world corpus gets the verdict its EXPECTED.tsv gives (valid = no errors).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { validateManifest } from '../../../src/core/manifest/validateManifest';
import { parseKind } from '../../../src/cli/commands/validate';
import { corpusAvailable, corpusCases } from './corpusHelpers';

describe('manifest checks on the real-world corpus', function () {
  if (!corpusAvailable()) {
    it('needs ../shared/corpus next to the project');
    return;
  }
  const cases = corpusCases();
  it('has the corpus files (more than 100)', () => {
    assert.ok(cases.length > 100, `only ${cases.length} cases`);
  });
  for (const c of cases) {
    it(`${c.set}/${path.basename(path.dirname(c.file))}/${path.basename(c.file)} is ${c.verdict}`, async () => {
      const report = await validateManifest(c.file, readFileSync(c.file, 'utf8'), { kind: parseKind(c.kind) });
      const errors = report.diagnostics.filter((d) => d.severity === 'error');
      const got = errors.length ? 'invalid' : 'valid';
      assert.equal(got, c.verdict, `expected ${c.verdict} (${c.detail || 'no errors'}), got:\n${errors.map((e) => `  ${e.code} ${e.path}: ${e.message}`).join('\n')}`);
    });
  }
});
