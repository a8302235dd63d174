// The README documents every diagnostic code the checks can emit, with its default severity and, for errors,
// the schema or client behaviour the error rests on.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DIAGNOSTIC_CODES } from '../../../src/core/manifest/diagnosticCodes';

describe('README diagnostic code table', () => {
  const readme = readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
  for (const [code, info] of Object.entries(DIAGNOSTIC_CODES)) {
    it(`documents ${code}`, () => {
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${code}\` |`));
      assert.ok(row, `no README row for ${code}`);
      assert.match(row, new RegExp(`\\| ${info.severity} \\|`), `README gives another severity for ${code}`);
      const basis = (info as { basis?: string }).basis;
      if (basis) assert.ok(row.includes(`| ${basis} |`), `README does not say what ${code} rests on`);
      else assert.notEqual(info.severity, 'error', `${code} is an error by default but names no schema or client behaviour it rests on`);
    });
  }
});
