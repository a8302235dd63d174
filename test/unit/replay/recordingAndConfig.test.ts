// Recording folders (file names, size cap with rotation, folder cap with pruning), `.mcpworkbench.json` parsing,
// report formats, and the mcptrace grammar's contribution.
import * as assert from 'node:assert';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  ConfigError,
  findConfigFile,
  formatJson,
  formatJunit,
  formatText,
  parseConfig,
  pruneTraceFolder,
  RotatingTraceWriter,
  traceFileName,
  type VerifyReport,
} from '../../../src/core/replay';
import { readTrace } from '../../../src/core/traffic';

const REPO = path.resolve(__dirname, '..', '..', '..');

describe('recording folder', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'mcpwb-rec-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names files after the server and the UTC time, file-safe', () => {
    const when = new Date('2026-11-22T01:02:03.456Z');
    assert.strictEqual(traceFileName('demo', when), 'demo-2026-11-22T01-02-03Z.mcptrace');
    assert.strictEqual(traceFileName('my server/with:odd*chars', when, 2), 'my_server_with_odd_chars-2026-11-22T01-02-03Z-part2.mcptrace');
    assert.strictEqual(traceFileName('///', when), 'server-2026-11-22T01-02-03Z.mcptrace');
  });

  it('rotates to a new part past the file cap; every part is a complete trace with the secret redacted', async () => {
    const w = new RotatingTraceWriter(dir, 'demo', { transport: 'stdio', command: 'node', env: { API_KEY: 'super-secret-value' } }, { maxFileBytes: 20_000, maxFolderBytes: 10_000_000 }, ['super-secret-value']);
    w.connecting();
    w.connected({ era: '2026', protocolVersion: '2026-07-28', discover: { supportedVersions: ['2026-07-28'], capabilities: {} } });
    for (let i = 0; i < 600; i++) w.write({ type: 'message', t: i, dir: 'send', msg: { jsonrpc: '2.0', id: i, method: 'tools/call', params: { name: 'echo', arguments: { text: `call ${i} with super-secret-value` } } } });
    w.close();
    assert.ok(w.files.length >= 3, `parts: ${w.files.length}`);
    assert.match(path.basename(w.files[1]), /^demo-.*-part2\.mcptrace$/);
    let events = 0;
    for (const f of w.files) {
      const t = await readTrace(f);
      assert.ok(t.header, `${f} has a header`);
      assert.deepStrictEqual([t.header.era, t.header.protocolVersion], ['2026', '2026-07-28'], 'every part records the era');
      assert.deepStrictEqual(t.problems, []);
      events += t.events.length;
      assert.ok(!readFileSync(f, 'utf8').includes('super-secret-value'), 'the secret never reaches a file');
    }
    assert.strictEqual(events, 600, 'no event is lost across parts');
  });

  it('never overwrites an earlier trace of the same server started in the same second', () => {
    const limits = { maxFileBytes: 1_000_000, maxFolderBytes: 10_000_000 };
    const first = new RotatingTraceWriter(dir, 'demo', { transport: 'stdio', command: 'node' }, limits);
    first.write({ type: 'note', t: 1, text: 'first' });
    first.close();
    const second = new RotatingTraceWriter(dir, 'demo', { transport: 'stdio', command: 'node' }, limits);
    second.close();
    assert.notStrictEqual(second.file, first.file);
    assert.ok(readFileSync(first.file, 'utf8').includes('"first"'), 'the first trace keeps its events');
    assert.strictEqual(readdirSync(dir).filter((f) => f.endsWith('.mcptrace')).length, 2);
  });

  it('prunes the oldest traces to stay under the folder cap, never the ones being written', () => {
    const mk = (name: string, size: number, ageS: number) => {
      const f = path.join(dir, name);
      writeFileSync(f, 'x'.repeat(size));
      const t = Date.now() / 1000 - ageS;
      utimesSync(f, t, t);
      return f;
    };
    const oldest = mk('a.mcptrace', 400, 300);
    mk('b.mcptrace', 400, 200);
    mk('c.mcptrace', 400, 100);
    mk('notes.txt', 5000, 400);
    const removed = pruneTraceFolder(dir, 500, new Set([oldest]));
    assert.deepStrictEqual(removed.map((f) => path.basename(f)), ['b.mcptrace', 'c.mcptrace'], 'the protected oldest file stays; other traces go oldest first');
    assert.deepStrictEqual(readdirSync(dir).sort(), ['a.mcptrace', 'notes.txt'], 'other files are never touched');
  });
});

describe('.mcpworkbench.json', () => {
  it('reads verify rules, tolerances, timeout and a target relative to its folder (JSONC)', () => {
    const c = parseConfig(
      `{
        // rules for this repo
        "verify": {
          "ignore": ["result.content[*].text"],
          "volatileKeys": ["generatedAt"],
          "numericTolerance": 0.01,
          "tolerances": [{ "path": "result.structuredContent.temperature", "absolute": 0.5 }],
          "timeoutMs": 5000,
          "target": { "command": "node", "args": ["dist/server.js"], "cwd": "server" },
        },
      }`,
      '/repo/.mcpworkbench.json',
    );
    assert.deepStrictEqual(c.verify.ignore, ['result.content[*].text']);
    assert.strictEqual(c.verify.numericTolerance, 0.01);
    assert.strictEqual(c.verify.timeoutMs, 5000);
    assert.deepStrictEqual(c.verify.target, { kind: 'stdio', command: 'node', args: ['dist/server.js'], cwd: '/repo/server', env: undefined });
  });

  it('rejects bad files with one sentence naming the file and the setting', () => {
    assert.throws(() => parseConfig('{ "verify": { "ignore": "x" } }', 'f.json'), (e: Error) => e instanceof ConfigError && /"verify.ignore" in f.json must be a list of strings\./.test(e.message));
    assert.throws(() => parseConfig('{ "verify": { "ignroe": [] } }', 'f.json'), /"verify.ignroe" in f.json is not a known setting/);
    assert.throws(() => parseConfig('{ "verify": { "ignore": ["a[b"] } }', 'f.json'), /f\.json: The path "a\[b" is not valid/);
    assert.throws(() => parseConfig('{ "verify": ', 'f.json'), /f\.json is not valid JSON: .* on line 1\./);
    assert.throws(() => parseConfig('{ "verify": { "target": { "args": [] } } }', 'f.json'), /must name a "command" \(stdio\) or a "url"/);
  });

  it('is found by walking up from a trace folder, and not above the workspace', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'mcpwb-cfg-'));
    try {
      const deep = path.join(root, 'ws', 'traces', 'pr-12');
      mkdirSync(deep, { recursive: true });
      writeFileSync(path.join(root, '.mcpworkbench.json'), '{}');
      assert.strictEqual(findConfigFile(deep), path.join(root, '.mcpworkbench.json'));
      assert.strictEqual(findConfigFile(deep, path.join(root, 'ws')), undefined);
      writeFileSync(path.join(root, 'ws', '.mcpworkbench.json'), '{}');
      assert.strictEqual(findConfigFile(deep, path.join(root, 'ws')), path.join(root, 'ws', '.mcpworkbench.json'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('verify report formats', () => {
  const report: VerifyReport = {
    trace: 'a.mcptrace',
    target: 'node server.js',
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 12,
    ok: false,
    recordedEra: '2025',
    recordedProtocolVersion: '2025-11-25',
    era: '2026',
    protocolVersion: '2026-07-28',
    counts: { checks: 3, passed: 1, failed: 1, missing: 1 },
    findings: { 'no-answer': 1, 'answer-changed': 1, 'question-changed': 1 },
    checks: [
      { index: 1, connection: 1, line: 2, method: 'tools/list', label: 'tools/list', status: 'pass', findings: [], differences: [], durationMs: 1 },
      {
        index: 2,
        connection: 1,
        line: 4,
        method: 'tools/call',
        label: 'tools/call slow',
        status: 'missing',
        findings: [{ kind: 'no-answer', message: 'tools/call slow got no answer: no answer within 100 ms' }],
        differences: [],
        failure: 'no answer within 100 ms',
        durationMs: 100,
      },
      {
        index: 3,
        connection: 1,
        line: 6,
        method: 'tools/call',
        label: 'tools/call delete',
        status: 'fail',
        findings: [
          { kind: 'answer-changed', message: 'the answer to tools/call delete changed: result.content[0].text: "deleted" -> "removed"', differences: [{ path: 'result.content[0].text', kind: 'changed', expected: 'deleted', actual: 'removed' }] },
          { kind: 'question-changed', message: 'tools/call delete: the elicitation question changed: params.message: "Delete?" -> "Really delete?"' },
        ],
        differences: [{ path: 'result.content[0].text', kind: 'changed', expected: 'deleted', actual: 'removed' }],
        durationMs: 3,
      },
    ],
    warnings: ['line 9 is cut off'],
  };

  it('text names the trace, the verdict, each non-passing answer and the warnings', () => {
    const t = formatText([report]);
    assert.match(t, /^FAIL {2}a\.mcptrace {2}\(1\/3 answers match, 1 changed, 1 missing; 12 ms against node server\.js, recorded 2025-11-25, replayed 2026-07-28\)/);
    assert.match(t, /missing #2 tools\/call slow \(line 4\): no answer within 100 ms/);
    assert.match(t, /\[answer-changed\] the answer to tools\/call delete changed/);
    assert.match(t, /\[question-changed\] tools\/call delete: the elicitation question changed: params\.message/);
    assert.doesNotMatch(t, /tools\/list/, 'passing answers only with --verbose');
    assert.match(formatText([report], { verbose: true }), /ok\s+#1 tools\/list/);
    assert.match(t, /warning: line 9 is cut off/);
  });

  it('json is the whole report plus an overall ok', () => {
    const j = JSON.parse(formatJson([report]));
    assert.strictEqual(j.ok, false);
    assert.deepStrictEqual(j.reports[0].counts, report.counts);
    assert.deepStrictEqual(j.reports[0].findings, report.findings);
  });

  it('junit names each finding in the failure of its call', () => {
    const x = formatJunit([report]);
    assert.match(x, /<failure message="the answer to tools\/call delete changed: [^"]*; tools\/call delete: the elicitation question changed: [^"]*" type="answer-changed,question-changed">/);
  });
});

describe('mcptrace grammar', () => {
  it('is contributed for the mcptrace language and its patterns compile', () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    const contribution = pkg.contributes.grammars.find((g: { language: string }) => g.language === 'mcptrace');
    assert.ok(contribution, 'a grammar contribution for mcptrace');
    const grammar = JSON.parse(readFileSync(path.join(REPO, contribution.path), 'utf8'));
    assert.strictEqual(grammar.scopeName, contribution.scopeName);
    const regexes: string[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if ((k === 'match' || k === 'begin' || k === 'end') && typeof x === 'string') regexes.push(x);
          else walk(x);
        }
      }
    };
    walk(grammar);
    assert.ok(regexes.length > 10);
    for (const r of regexes) new RegExp(r);
    const method = new RegExp(grammar.repository.methodMember.match);
    assert.strictEqual(method.exec('{"method":"tools/call","id":1}')?.[3], '"tools/call"');
    assert.ok(new RegExp(grammar.repository.dirMember.match).test('"dir":"recv"'));
  });
});
