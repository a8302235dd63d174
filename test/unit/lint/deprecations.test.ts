import { strict as assert } from 'node:assert';
import { deprecatedFeatureOf, deprecationFindings } from '../../../src/core/lint';

describe('deprecation notes (2026-07-28, SEP-2577)', () => {
  it('gives one info note per feature used, naming the replacement the spec gives', () => {
    const f = deprecationFindings(['logging', 'roots', 'sampling', 'roots']);
    assert.deepEqual(
      f.map((x) => [x.code, x.severity]),
      [
        ['deprecated-feature', 'info'],
        ['deprecated-feature', 'info'],
        ['deprecated-feature', 'info'],
      ],
    );
    assert.match(f[0].message, /roots\/list.*pass paths via tool parameters, resource URIs, or configuration/);
    assert.match(f[1].message, /sampling\/createMessage.*call LLM provider APIs directly/);
    assert.match(f[2].message, /logging.*stderr.*OpenTelemetry/);
  });

  it('gives nothing when no deprecated feature was used', () => {
    assert.deepEqual(deprecationFindings([]), []);
  });

  it('maps server->client methods to the feature they belong to', () => {
    assert.equal(deprecatedFeatureOf('roots/list'), 'roots');
    assert.equal(deprecatedFeatureOf('sampling/createMessage'), 'sampling');
    assert.equal(deprecatedFeatureOf('notifications/message'), 'logging');
    assert.equal(deprecatedFeatureOf('elicitation/create'), undefined);
    assert.equal(deprecatedFeatureOf(undefined), undefined);
  });
});
