// Integration (plain node, real processes): record a session against the demo server with the core client, then
// verify it against the unchanged server (passes) and against a build whose echo output differs (exactly that
// change is reported, nothing else). Also: reports in every format, and the CLI's exit codes.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { formatJunit, formatText, verifyTrace, type VerifyReport } from '../../../src/core/replay';
import { DEMO_VARIANT, demoTarget, recordDemo, REPO } from './demoRecording';

const CLI = [process.execPath, '--import', 'tsx', path.join(REPO, 'src', 'cli', 'main.ts')];

function cli(args: string[], cwd = REPO) {
  const r = spawnSync(CLI[0], [...CLI.slice(1), ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('verify against the demo server (recorded with the core client)', function () {
  this.timeout(60_000);
  let dir: string;
  let trace: string;
  let same: VerifyReport;
  let changed: VerifyReport;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mcpwb-verify-'));
    trace = path.join(dir, 'demo.mcptrace');
    await recordDemo(trace);
    same = await verifyTrace(trace);
    changed = await verifyTrace(trace, { target: demoTarget(DEMO_VARIANT) });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('passes against the unchanged server, checking every answered request', () => {
    assert.strictEqual(same.error, undefined);
    assert.ok(same.ok, formatText([same]));
    // tools/list, 6 tool calls, resources/read, prompts/get, completion/complete (the handshake is envelope)
    assert.strictEqual(same.counts.checks, 10, same.checks.map((c) => c.label).join(', '));
    assert.strictEqual(same.counts.passed, 10);
    assert.ok(same.checks.some((c) => c.label === 'tools/call summarize'), 'the sampling round trip was replayed from the recording');
  });

  it('detects exactly the changed echo output against the variant build, and nothing else', () => {
    assert.ok(!changed.ok);
    const failing = changed.checks.filter((c) => c.status !== 'pass');
    assert.deepStrictEqual(
      failing.map((c) => ({ label: c.label, paths: c.differences.map((d) => d.path) })),
      [
        { label: 'tools/call echo', paths: ['result.content[0].text'] },
        { label: 'tools/call echo', paths: ['result.content[0].text'] },
      ],
    );
    const d = failing[0].differences[0];
    assert.strictEqual(d.expected, 'hello\nhello');
    assert.strictEqual(d.actual, 'hello\nhello (v2)');
    assert.strictEqual(changed.counts.passed, 8);
    assert.deepStrictEqual(changed.findings, { 'answer-changed': 2 });
    assert.match(failing[0].findings[0].message, /^the answer to tools\/call echo changed: result\.content\[0\]\.text/);
  });

  it('passes against the variant when the changed path is ignored', async () => {
    const r = await verifyTrace(trace, { target: demoTarget(DEMO_VARIANT), rules: { ignore: ['result.content[*].text'] } });
    assert.ok(r.ok, formatText([r]));
  });

  it('reports a server that cannot start as an error, not as passing', async () => {
    const r = await verifyTrace(trace, { target: { kind: 'stdio', command: path.join(dir, 'no-such-server') } });
    assert.ok(!r.ok);
    assert.match(r.error ?? '', /does not exist/);
    assert.strictEqual(r.errorKind, 'connect');
  });

  it("shows why a server that started then exited did so: the end of its stderr, in text and JUnit", async () => {
    const r = await verifyTrace(trace, { target: { kind: 'stdio', command: process.execPath, args: ['-e', 'console.error("config.json: no such file"); process.exit(1)'] } });
    assert.strictEqual(r.errorKind, 'connect');
    assert.deepStrictEqual(r.stderrTail, ['config.json: no such file']);
    assert.match(formatText([r]), /\n {2}stderr \| config\.json: no such file\n/);
    assert.match(formatJunit([r]), /<error message="[^"]+">config\.json: no such file<\/error>/);
  });

  it('refuses to pass a trace without a server or without requests', async () => {
    const headerless = path.join(dir, 'headerless.mcptrace');
    writeFileSync(headerless, '{"type":"message","t":1,"dir":"send","msg":{"jsonrpc":"2.0","id":1,"method":"ping"}}\n');
    const a = await verifyTrace(headerless);
    assert.deepStrictEqual([a.ok, a.errorKind], [false, 'trace']);
    assert.match(a.error ?? '', /no header naming its server/);
    const empty = path.join(dir, 'empty.mcptrace');
    writeFileSync(empty, readFileSync(trace, 'utf8').split('\n')[0] + '\n');
    const b = await verifyTrace(empty);
    assert.deepStrictEqual([b.ok, b.errorKind, b.counts.checks], [false, 'trace', 0]);
    assert.match(b.error ?? '', /nothing to verify/);
    const code = cli(['verify', empty]).code;
    assert.strictEqual(code, 2, 'an unusable trace is a usage error');
  });

  it('writes JUnit with one testcase per answer and a failure for each change', () => {
    const xml = formatJunit([changed]);
    assert.strictEqual((xml.match(/<testcase /g) ?? []).length, 10);
    assert.strictEqual((xml.match(/<failure /g) ?? []).length, 2);
    assert.match(xml, /result\.content\[0\]\.text: &quot;hello\\nhello&quot; -&gt; &quot;hello\\nhello \(v2\)&quot;/);
  });

  it('CLI: exits 0 when answers match, 1 on a mismatch, and reads ignore rules from .mcpworkbench.json', () => {
    const ok = cli(['verify', trace]);
    assert.strictEqual(ok.code, 0, ok.stderr + ok.stdout);
    assert.match(ok.stdout, /^PASS /);
    const bad = cli(['verify', trace, '--format', 'json', '--', process.execPath, DEMO_VARIANT]);
    assert.strictEqual(bad.code, 1, bad.stderr);
    const json = JSON.parse(bad.stdout);
    assert.strictEqual(json.ok, false);
    assert.strictEqual(json.reports[0].counts.failed, 2);
    writeFileSync(path.join(dir, '.mcpworkbench.json'), '{\n  // echo output is allowed to change\n  "verify": { "ignore": ["result.content[*].text"] },\n}\n');
    const ignored = cli(['verify', trace, '--', process.execPath, DEMO_VARIANT]);
    assert.strictEqual(ignored.code, 0, ignored.stdout + ignored.stderr);
    rmSync(path.join(dir, '.mcpworkbench.json'));
  });

  it('CLI diff: two recordings of the same session are identical; against the variant only the echo answers changed', async () => {
    const variantTrace = path.join(dir, 'variant.mcptrace');
    await recordDemo(variantTrace, DEMO_VARIANT);
    const same = cli(['diff', trace, trace]);
    assert.strictEqual(same.code, 0, same.stdout + same.stderr);
    assert.match(same.stdout, /No changes/);
    const d = cli(['diff', trace, variantTrace, '--json']);
    assert.strictEqual(d.code, 1, d.stderr);
    const json = JSON.parse(d.stdout);
    assert.deepStrictEqual(json.catalogue, []);
    assert.deepStrictEqual(json.server, []);
    assert.deepStrictEqual(
      json.responses.map((r: { label: string; differences: Array<{ path: string }> }) => `${r.label} ${r.differences.map((x) => x.path).join(',')}`),
      ['tools/call echo result.content[0].text', 'tools/call echo result.content[0].text'],
    );
  });

  it('CLI: a bad ignore path or a missing trace is a usage error with one sentence', () => {
    const badPath = cli(['verify', trace, '--ignore', 'result[abc]']);
    assert.strictEqual(badPath.code, 2);
    assert.match(badPath.stderr, /The path "result\[abc\]" is not valid/);
    const missing = cli(['verify', path.join(dir, 'nope.mcptrace')]);
    assert.strictEqual(missing.code, 2);
    assert.match(missing.stderr, /Cannot read .*nope\.mcptrace: no such file\./);
    assert.doesNotMatch(missing.stderr, /\n\s+at /, 'no stack trace');
  });

  for (const [recordIn, verifyIn] of [
    ['2025-11-25', '2026-07-28'],
    ['2026-07-28', '2025-11-25'],
  ] as const) {
    it(`a demo session recorded in ${recordIn} verifies against the demo server in ${verifyIn} with 0 findings`, async () => {
      const file = path.join(dir, `demo-${recordIn}.mcptrace`);
      await recordDemo(file, undefined, recordIn);
      const r = await verifyTrace(file, { protocol: verifyIn });
      assert.deepStrictEqual([r.recordedProtocolVersion, r.protocolVersion], [recordIn, verifyIn]);
      assert.ok(r.ok, formatText([r]));
      assert.deepStrictEqual(r.findings, {});
      assert.strictEqual(r.counts.checks, 10, 'the sampling call, progress and the rest, each one check');
    });
  }
});
