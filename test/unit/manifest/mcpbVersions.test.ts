// The MCPB manifest versions the catalogue bundles are exactly the ones the installed @anthropic-ai/mcpb knows,
// and DXT-era manifests (dxt_version) are read like their manifest_version twins.
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { CURRENT_MCPB_VERSION, MCPB_VERSIONS } from '../../../src/core/manifest/schemaCatalog';
import { validateManifest } from '../../../src/core/manifest/validateManifest';

const DIST = path.resolve(__dirname, '../../../node_modules/@anthropic-ai/mcpb/dist');

describe('MCPB manifest versions', () => {
  it('bundles a schema for every manifest_version @anthropic-ai/mcpb ships', () => {
    const shipped = readdirSync(DIST).flatMap((f) => /^mcpb-manifest-v(.+)\.schema\.json$/.exec(f)?.[1] ?? []).sort();
    assert.deepEqual([...MCPB_VERSIONS].sort(), shipped);
  });

  it('calls the package\'s LATEST_MANIFEST_VERSION the newest', async () => {
    const mcpb = (await import('@anthropic-ai/mcpb')) as { LATEST_MANIFEST_VERSION?: string };
    assert.equal(CURRENT_MCPB_VERSION, mcpb.LATEST_MANIFEST_VERSION);
  });

  const DXT = { name: 'weather', version: '1.0.0', description: 'Weather.', author: { name: 'Example' }, server: { type: 'node', entry_point: 'server/index.js', mcp_config: { command: 'node', args: ['${__dirname}/server/index.js'] } } };
  for (const version of MCPB_VERSIONS) {
    it(`reads a DXT-era manifest with "dxt_version": "${version}" against the ${version} schema, with only a note`, async () => {
      const report = await validateManifest('/ext/manifest.json', JSON.stringify({ dxt_version: version, ...DXT }, null, 2));
      assert.equal(report.schema?.id, `mcpb@${version}`);
      assert.deepEqual(report.diagnostics.map((d) => `${d.severity} ${d.code}`), ['info mcpb-dxt-version']);
    });
  }
});
