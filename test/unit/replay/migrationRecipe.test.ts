// The README's migration recipe, run as a user would with the built CLI: record sessions against a server on the
// real SDK v1 (2025 only), then verify them in CI against the migrated SDK v2 server in 2026-07-28. What SDK v1 and
// v2 write differently for the same tool (the schema's `$schema` dialect, `execution.taskSupport: "forbidden"`) is
// not a finding; the changed greeting and the reworded confirmation (now an input_required round) are, named in JUnit.
import * as assert from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { comparableAnswer } from '../../../src/core/replay/userView';
import { compareJson } from '../../../src/core/replay/structuralCompare';
import { CompareRules } from '../../../src/core/replay/compareRules';
import { buildCliIfNeeded, cli } from '../cli/cliRunner';

const SERVERS = path.join(__dirname, 'servers');
const V1 = ['--', process.execPath, path.join(SERVERS, 'files-sdk1.mjs')];
const V2 = ['--', process.execPath, path.join(SERVERS, 'files-v2.mjs')];

describe('migration recipe: record against SDK v1, verify the SDK v2 build in 2026-07-28', function () {
  this.timeout(120_000);
  let dir: string;

  before(() => {
    buildCliIfNeeded();
    dir = mkdtempSync(path.join(tmpdir(), 'mcpwb-recipe-'));
    mkdirSync(path.join(dir, 'tests'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('exactly the changed answer and the reworded confirmation, in the text and JUnit reports', async () => {
    const recordings: Array<[string, string, string[]]> = [
      ['greet', '{"name":"Ada"}', []],
      ['delete', '{"path":"notes.txt"}', ['--input-response', 'elicitation/create={"action":"accept","content":{"confirm":true}}']],
      ['size', '{"path":"notes.txt"}', []],
    ];
    for (const [tool, args, extra] of recordings) {
      const r = await cli(['call', tool, args, ...extra, '--record', `tests/${tool}.mcptrace`, ...V1], { cwd: dir });
      assert.strictEqual(r.code, 0, r.stderr);
    }
    const traces = recordings.map(([tool]) => `tests/${tool}.mcptrace`);
    const header = JSON.parse(readFileSync(path.join(dir, traces[0]), 'utf8').split('\n')[0]);
    assert.strictEqual(header.protocolVersion, '2025-11-25', 'the v1 server speaks 2025 only');

    const same = await cli(['verify', ...traces, ...V1], { cwd: dir });
    assert.strictEqual(same.code, 0, same.stdout + same.stderr);

    const ci = await cli(['verify', '--protocol', '2026-07-28', ...traces, '--format', 'junit', '--output', 'verify.xml', ...V2], { cwd: dir });
    assert.strictEqual(ci.code, 1, ci.stdout + ci.stderr);
    const junit = readFileSync(path.join(dir, 'verify.xml'), 'utf8');
    assert.deepStrictEqual([...junit.matchAll(/type="([a-z-]+)"/g)].map((m) => m[1]), ['answer-changed', 'question-changed']);
    assert.match(junit, /tools\/call delete: the elicitation question changed: params\.message: &quot;Delete notes\.txt\?&quot; -&gt; &quot;Really delete notes\.txt\?&quot;/);
    assert.match(junit, /the answer to tools\/call greet changed: result\.content\[0\]\.text: &quot;Hello, Ada&quot; -&gt; &quot;Hi, Ada&quot;/);
    // With --output and a non-text format the text report goes to stderr.
    assert.match(ci.stderr, /recorded 2025-11-25, replayed 2026-07-28/);
    assert.doesNotMatch(ci.stderr, /catalogue-changed/);
  });

  it('a recording of a server started by a relative path verifies against it from any folder (the header names where it ran)', async () => {
    const trace = path.join(dir, 'relative.mcptrace');
    const r = await cli(['call', 'greet', '{"name":"Ada"}', '--record', trace, '--', process.execPath, 'files-sdk1.mjs'], { cwd: SERVERS });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(JSON.parse(readFileSync(trace, 'utf8').split('\n')[0]).target.cwd, SERVERS);
    const v = await cli(['verify', trace], { cwd: dir });
    assert.strictEqual(v.code, 0, v.stdout + v.stderr);
  });

  it('a catalogue: the $schema dialect and the default taskSupport are not changes; other schema and execution changes are', () => {
    const rules = new CompareRules({});
    const tool = (extra: Record<string, unknown>, schema: Record<string, unknown> = {}) => ({
      result: { tools: [{ name: 't', inputSchema: { type: 'object', properties: { a: { type: 'string' } }, ...schema }, ...extra }] },
    });
    const diff = (a: Record<string, unknown>, b: Record<string, unknown>) => compareJson(comparableAnswer('tools/list', a, true), comparableAnswer('tools/list', b, true), rules, []).map((d) => d.path);
    assert.deepStrictEqual(diff(tool({ execution: { taskSupport: 'forbidden' } }, { $schema: 'http://json-schema.org/draft-07/schema#' }), tool({})), []);
    assert.deepStrictEqual(diff(tool({ execution: { taskSupport: 'forbidden' } }), tool({ execution: { taskSupport: 'optional' } })), ['result.tools.t.execution']);
    assert.deepStrictEqual(diff(tool({}, { required: ['a'] }), tool({})), ['result.tools.t.inputSchema.required']);
  });
});
