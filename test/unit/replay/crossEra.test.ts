// Recorded sessions across eras (real processes, SDK v2 servers): a trace recorded in one era verifies against the
// same server in the other with 0 findings; a migrated server that changes one answer and rewords one confirmation
// (moved from a 2025 elicitation to a 2026 input_required) gives exactly those two findings, named; diff of the two
// recordings says the same in one line; and the mock serves a 2026 recording to a 2025 client, questions included.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Session } from '../../../src/core/client';
import type { ProtocolChoice } from '../../../src/core/client/protocolChoice';
import type { ConnectTarget } from '../../../src/core/client/types';
import { formatJunit, formatText, verifyTrace } from '../../../src/core/replay';
import { TraceWriter } from '../../../src/core/traffic';
import { REPO } from './demoRecording';

const CLI = [process.execPath, '--import', 'tsx', path.join(REPO, 'src', 'cli', 'main.ts')];
const QUESTIONS = path.join(__dirname, 'servers', 'questions.mjs');
const CRASHES = path.join(__dirname, 'servers', 'crashes.mjs');
const FILES_V1 = path.join(__dirname, 'servers', 'files-v1.mjs');
const FILES_V2 = path.join(__dirname, 'servers', 'files-v2.mjs');
const stdio = (script: string): ConnectTarget => ({ kind: 'stdio', command: process.execPath, args: [script], cwd: REPO });

const responders = {
  elicitation: async (p: { message?: string }) =>
    (p.message?.includes('name') ? { action: 'accept', content: { name: 'Ada' } } : p.message?.includes('colour') ? { action: 'accept', content: { color: 'green' } } : { action: 'accept', content: { confirm: true } }) as never,
  sampling: async () => ({ role: 'assistant', model: 'test-model', content: { type: 'text', text: 'short' } }) as never,
};

/** Records `run` against `target` in the given era; returns the negotiated protocol version. */
async function record(file: string, target: ConnectTarget, protocol: ProtocolChoice, run: (s: Session) => Promise<unknown>): Promise<string | undefined> {
  const writer = new TraceWriter(file, { target: Session.traceTarget(target) });
  const session = new Session();
  try {
    await session.connect(target, { trace: writer, protocol, ...responders });
    await run(session);
    return session.info.protocolVersion;
  } finally {
    await session.close();
    writer.close();
  }
}

async function eraCalls(s: Session): Promise<void> {
  await s.listTools();
  await s.callTool('echo', { text: 'hello' });
  await s.callTool('add', { a: 2, b: 3 });
  await s.callTool('confirm', { action: 'ship it' });
  await s.callTool('summarize', { text: 'MCP links models and tools.' });
  await s.callTool('wizard', {});
}

async function filesCalls(s: Session): Promise<void> {
  await s.listTools();
  await s.callTool('greet', { name: 'Ada' });
  await s.callTool('delete', { path: 'notes.txt' });
  await s.callTool('size', { path: 'notes.txt' });
}

describe('recorded sessions across eras', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'mcpwb-eras-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [recordIn, verifyIn] of [
    ['2025-11-25', '2026-07-28'],
    ['2026-07-28', '2025-11-25'],
  ] as const) {
    it(`a trace recorded in ${recordIn} verifies against the same server in ${verifyIn} with 0 findings`, async () => {
      const trace = path.join(dir, `both-${recordIn}.mcptrace`);
      assert.strictEqual(await record(trace, stdio(QUESTIONS), recordIn, eraCalls), recordIn);
      const header = JSON.parse(readFileSync(trace, 'utf8').split('\n')[0]);
      assert.strictEqual(header.protocolVersion, recordIn, 'the header records the era');
      const report = await verifyTrace(trace, { protocol: verifyIn });
      assert.strictEqual(report.error, undefined);
      assert.deepStrictEqual([report.recordedProtocolVersion, report.protocolVersion], [recordIn, verifyIn]);
      assert.ok(report.ok, formatText([report]));
      assert.deepStrictEqual(report.findings, {});
      assert.strictEqual(report.counts.checks, 6);
      const wizard = report.checks.find((c) => c.label === 'tools/call wizard')!;
      assert.strictEqual(wizard.status, 'pass', 'a multi-round call is one check, its questions answered from the recording');
    });
  }

  it('a migrated server: exactly the changed answer and the reworded confirmation, named in every report', async () => {
    const trace = path.join(dir, 'files-v1.mcptrace');
    assert.strictEqual(await record(trace, stdio(FILES_V1), 'auto', filesCalls), '2025-11-25');
    const before = await verifyTrace(trace, { protocol: '2025-11-25' });
    assert.ok(before.ok, formatText([before]));
    const after = await verifyTrace(trace, { target: stdio(FILES_V2), protocol: '2026-07-28' });
    assert.deepStrictEqual(after.findings, { 'answer-changed': 1, 'question-changed': 1 }, formatText([after]));
    const failing = after.checks.filter((c) => c.status !== 'pass');
    assert.deepStrictEqual(
      failing.map((c) => [c.label, c.findings.map((f) => f.kind)]),
      [
        ['tools/call greet', ['answer-changed']],
        ['tools/call delete', ['question-changed']],
      ],
    );
    assert.match(failing[1].findings[0].message, /tools\/call delete: the elicitation question changed: params\.message: "Delete notes\.txt\?" -> "Really delete notes\.txt\?"/);
    const text = formatText([after]);
    assert.match(text, /\[answer-changed\] the answer to tools\/call greet changed: result\.content\[0\]\.text: "Hello, Ada" -> "Hi, Ada"/);
    assert.match(text, /recorded 2025-11-25, replayed 2026-07-28/);
    assert.match(formatJunit([after]), /type="question-changed"/);

    // The CLI says the same, with exit 1.
    const r = spawnSync(CLI[0], [...CLI.slice(1), 'verify', '--protocol', '2026-07-28', '--format', 'json', trace, '--', process.execPath, FILES_V2], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
    assert.strictEqual(r.status, 1, r.stderr);
    assert.deepStrictEqual(JSON.parse(r.stdout).reports[0].findings, { 'answer-changed': 1, 'question-changed': 1 });

    // diff of the v1 recording (2025) and a v2 recording (2026): the same two changes, in one line.
    const v2trace = path.join(dir, 'files-v2.mcptrace');
    assert.strictEqual(await record(v2trace, stdio(FILES_V2), '2026-07-28', filesCalls), '2026-07-28');
    const d = spawnSync(CLI[0], [...CLI.slice(1), 'diff', trace, v2trace], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
    assert.strictEqual(d.status, 1, d.stderr);
    assert.strictEqual(d.stdout.split('\n')[2], `${trace} (2025-11-25) ↔ ${v2trace} (2026-07-28): 0 catalogue changes, 1 answer changed, 1 question changed`);
  });

  it('mock serves a 2026 recording to a 2025 client: its questions asked again as server requests', async () => {
    const trace = path.join(dir, 'questions-for-mock.mcptrace');
    await record(trace, stdio(QUESTIONS), '2026-07-28', eraCalls);
    const mock: ConnectTarget = { kind: 'stdio', command: process.execPath, args: [...CLI.slice(1), 'mock', trace], cwd: REPO };
    for (const protocol of ['2025-11-25', '2026-07-28'] as const) {
      const report = await verifyTrace(trace, { target: mock, protocol });
      assert.ok(report.ok, `${protocol}: ${formatText([report])}`);
      assert.strictEqual(report.protocolVersion, protocol);
      assert.strictEqual(report.checks.find((c) => c.label === 'tools/call confirm')?.status, 'pass');
    }
  });

  it('--notifications compares the server notifications during each call, in either era', async () => {
    const trace = path.join(dir, 'count-2025.mcptrace');
    await record(trace, stdio(QUESTIONS), '2025-11-25', async (s) => {
      await s.setLogLevel('info');
      await s.callTool('count', {}, { onProgress: () => undefined });
    });
    for (const protocol of ['2025-11-25', '2026-07-28'] as const) {
      const same = await verifyTrace(trace, { protocol, notifications: true });
      assert.ok(same.ok, formatText([same]));
      assert.strictEqual(same.counts.checks, 1, 'logging/setLevel is set-up, replayed but not compared');
    }
    const moreSteps: ConnectTarget = { ...stdio(QUESTIONS), env: { STEPS: '3' } } as ConnectTarget;
    const changed = await verifyTrace(trace, { target: moreSteps, protocol: '2026-07-28', notifications: true });
    assert.deepStrictEqual(changed.findings, { 'notifications-changed': 1 }, formatText([changed]));
    assert.match(changed.checks[0].findings[0].message, /tools\/call count: the notifications during the call changed: notifications\[0\]\.params\.total: 2 -> 3/);
    const without = await verifyTrace(trace, { target: moreSteps, protocol: '2026-07-28' });
    assert.ok(without.ok, 'notifications are compared only when asked');
  });

  it('a server that dies mid-replay: the calls after it are missing, not passed, and the replay is recorded with its era', async () => {
    const trace = path.join(dir, 'crash.mcptrace');
    await record(trace, stdio(QUESTIONS), '2026-07-28', async (s) => {
      await s.callTool('echo', { text: 'one' });
      await s.callTool('echo', { text: 'two' });
      await s.callTool('echo', { text: 'three' });
    });
    // Rewrite the second call as `crash` so that the fixture exits there.
    const crashing = path.join(dir, 'crash-edited.mcptrace');
    writeFileSync(crashing, readFileSync(trace, 'utf8').replace('"name":"echo","arguments":{"text":"two"}', '"name":"crash","arguments":{"text":"two"}'));
    const replayFile = path.join(dir, 'replay.mcptrace');
    const writer = new TraceWriter(replayFile, { target: Session.traceTarget(stdio(CRASHES)) });
    const r = await verifyTrace(crashing, { target: stdio(CRASHES), protocol: '2026-07-28', trace: writer });
    writer.close();
    assert.deepStrictEqual(
      r.checks.map((c) => [c.label, c.status]),
      [
        ['tools/call echo', 'pass'],
        ['tools/call crash', 'missing'],
        ['tools/call echo', 'missing'],
      ],
      formatText([r]),
    );
    assert.match(r.checks[2].failure ?? '', /connection closed before this call was made/);
    assert.strictEqual(JSON.parse(readFileSync(replayFile, 'utf8').split('\n')[0]).protocolVersion, '2026-07-28');
  });
});
