// Traces in the workspace as tests (vscode.tests): each *.mcptrace file is a test; running it verifies the trace
// against its server, in the era of the run profile (auto, 2025-11-25 or 2026-07-28). Each era run gets its own
// child under the trace, so one trace can be verified against both eras of the same server side by side; each
// checked call becomes a child of that; a changed answer fails with the recorded and current JSON as the
// expected/actual pair, which the Test Results view shows as a diff, and every finding is named in the message.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeDifference } from '../../core/replay/structuralCompare';
import type { VerifyCheck, VerifyReport } from '../../core/replay/verify';
import { PROTOCOL_CHOICES, type ProtocolChoice } from '../../core/client/protocolChoice';
import { pretty } from '../traceViewer/verifyDiffs';
import type { VerifyRunner } from '../traceViewer/verifyRunner';

export type TestOutcome = 'passed' | 'failed' | 'errored' | 'skipped';

export interface TraceTestsApi {
  controller: vscode.TestController;
  /** Finds every trace in the workspace again. */
  refresh(): Promise<void>;
  /** Top-level items: one per trace file. */
  items(): vscode.TestItem[];
  /** Runs these items (all when empty) in an era (default auto) and returns what each item ended as, by id. */
  run(ids?: string[], protocol?: ProtocolChoice): Promise<Map<string, { outcome: TestOutcome; message?: vscode.TestMessage }>>;
}

const EXCLUDE = '**/{node_modules,.git,.vscode-test}/**';

export function registerTraceTests(context: vscode.ExtensionContext, runner: VerifyRunner): TraceTestsApi {
  const controller = vscode.tests.createTestController('mcpWorkbench.traces', 'MCP Traces');
  let lastOutcomes = new Map<string, { outcome: TestOutcome; message?: vscode.TestMessage }>();

  const add = (uri: vscode.Uri) => {
    const item = controller.createTestItem(uri.toString(), path.basename(uri.fsPath), uri);
    const rel = path.dirname(vscode.workspace.asRelativePath(uri));
    item.description = rel === '.' ? undefined : rel;
    item.range = new vscode.Range(0, 0, 0, 0);
    controller.items.add(item);
    return item;
  };

  const refresh = async () => {
    const uris = await vscode.workspace.findFiles('**/*.mcptrace', EXCLUDE);
    const keep = new Set(uris.map((u) => u.toString()));
    controller.items.forEach((item) => {
      if (!keep.has(item.id)) controller.items.delete(item.id);
    });
    for (const u of uris) if (!controller.items.get(u.toString())) add(u);
  };

  controller.resolveHandler = async (item) => {
    if (!item) await refresh();
  };
  controller.refreshHandler = async () => refresh();

  const watcher = vscode.workspace.createFileSystemWatcher('**/*.mcptrace');
  watcher.onDidCreate((u) => {
    if (!u.fsPath.includes(`${path.sep}node_modules${path.sep}`) && !controller.items.get(u.toString())) add(u);
  });
  watcher.onDidDelete((u) => controller.items.delete(u.toString()));
  watcher.onDidChange((u) => controller.invalidateTestResults?.(controller.items.get(u.toString())));

  const runHandler = async (request: vscode.TestRunRequest, token: vscode.CancellationToken, protocol: ProtocolChoice = 'auto') => {
    const run = controller.createTestRun(request);
    const outcomes = new Map<string, { outcome: TestOutcome; message?: vscode.TestMessage }>();
    const mark = (item: vscode.TestItem, outcome: TestOutcome, message?: vscode.TestMessage, durationMs?: number) => {
      outcomes.set(item.id, { outcome, message });
      if (outcome === 'passed') run.passed(item, durationMs);
      else if (outcome === 'failed') run.failed(item, message!, durationMs);
      else if (outcome === 'errored') run.errored(item, message!, durationMs);
      else run.skipped(item);
    };
    // A child (one era, one answer) runs its whole trace: answers depend on everything sent before them.
    const files = new Map<string, vscode.TestItem>();
    const wanted = request.include ?? [...iterate(controller.items)];
    for (const item of wanted) {
      let file = item;
      while (file.parent) file = file.parent;
      if (!request.exclude?.some((x) => x.id === file.id)) files.set(file.id, file);
    }
    try {
      for (const file of files.values()) {
        if (token.isCancellationRequested) {
          mark(file, 'skipped');
          continue;
        }
        run.started(file);
        const era = eraItem(controller, file, protocol);
        run.started(era);
        let report: VerifyReport | undefined;
        try {
          report = await runner.run({ trace: file.uri!.fsPath, protocol });
        } catch (e) {
          mark(era, 'errored', new vscode.TestMessage((e as Error).message));
          mark(file, 'errored', new vscode.TestMessage((e as Error).message));
          continue;
        }
        if (!report) {
          mark(era, 'skipped');
          mark(file, 'skipped');
          continue;
        }
        era.description = report.protocolVersion ? `recorded ${report.recordedProtocolVersion ?? `${report.recordedEra} era`}, replayed ${report.protocolVersion}` : undefined;
        report.checks.forEach((c) => run.appendOutput(`${c.status.padEnd(7)} #${c.index} ${c.label} (line ${c.line})${c.findings.map((f) => `\r\n        [${f.kind}] ${f.message}`).join('')}\r\n`, undefined, era));
        era.children.replace(report.checks.map((c) => checkItem(controller, era, c)));
        for (const c of report.checks) {
          const child = era.children.get(`${era.id}#${c.index}`)!;
          if (c.status === 'pass') mark(child, 'passed', undefined, c.durationMs);
          else mark(child, 'failed', checkMessage(file.uri!, c), c.durationMs);
        }
        let verdict: [TestOutcome, vscode.TestMessage | undefined];
        if (report.error) verdict = ['errored', new vscode.TestMessage([report.error, ...(report.stderrTail ?? []).map((l) => `stderr | ${l}`)].join('\n'))];
        else if (report.ok) verdict = ['passed', undefined];
        else {
          const first = report.checks.find((c) => c.status !== 'pass')!;
          const msg = checkMessage(file.uri!, first);
          msg.message = `${report.counts.failed} changed, ${report.counts.missing} missing of ${report.counts.checks} calls (${protocol}). First: ${msg.message}`;
          verdict = ['failed', msg];
        }
        mark(era, verdict[0], verdict[1], report.durationMs);
        mark(file, verdict[0], verdict[1], report.durationMs);
      }
    } finally {
      run.end();
      lastOutcomes = outcomes;
    }
  };

  for (const protocol of PROTOCOL_CHOICES) {
    const label = protocol === 'auto' ? 'Verify against the server' : `Verify against the server in ${protocol}`;
    controller.createRunProfile(label, vscode.TestRunProfileKind.Run, (request, token) => runHandler(request, token, protocol), protocol === 'auto');
  }
  context.subscriptions.push(controller, watcher);
  void refresh();

  return {
    controller,
    refresh,
    items: () => [...iterate(controller.items)],
    run: async (ids, protocol) => {
      const include = ids?.length ? ids.map((id) => controller.items.get(id)).filter((i): i is vscode.TestItem => !!i) : undefined;
      const source = new vscode.CancellationTokenSource();
      try {
        await runHandler(new vscode.TestRunRequest(include), source.token, protocol);
      } finally {
        source.dispose();
      }
      return lastOutcomes;
    },
  };
}

function* iterate(collection: vscode.TestItemCollection): Generator<vscode.TestItem> {
  const items: vscode.TestItem[] = [];
  collection.forEach((i) => items.push(i));
  yield* items;
}

/** The child of a trace for one era's runs (created on first use, kept next to the other eras). */
function eraItem(controller: vscode.TestController, file: vscode.TestItem, protocol: ProtocolChoice): vscode.TestItem {
  const id = `${file.id}@${protocol}`;
  let item = file.children.get(id);
  if (!item) {
    item = controller.createTestItem(id, protocol === 'auto' ? 'auto era' : protocol, file.uri);
    item.range = new vscode.Range(0, 0, 0, 0);
    file.children.add(item);
  }
  return item;
}

function checkItem(controller: vscode.TestController, file: vscode.TestItem, c: VerifyCheck): vscode.TestItem {
  const item = controller.createTestItem(`${file.id}#${c.index}`, `#${c.index} ${c.label}`, file.uri);
  item.range = new vscode.Range(c.line - 1, 0, c.line - 1, 0);
  return item;
}

/** A changed answer as an expected/actual diff, located at the request's line in the trace. */
function checkMessage(uri: vscode.Uri, c: VerifyCheck): vscode.TestMessage {
  const summary =
    c.status === 'missing' ? `no answer to ${c.label}: ${c.failure}` : c.findings.length ? c.findings.map((f) => `[${f.kind}] ${f.message}`).join('; ') : `${c.label} answered differently: ${c.differences.slice(0, 3).map(describeDifference).join('; ')}`;
  const msg = c.status === 'missing' || !c.differences.length ? new vscode.TestMessage(summary) : vscode.TestMessage.diff(summary, pretty(c.expected), pretty(c.actual));
  msg.location = new vscode.Location(uri, new vscode.Position(c.line - 1, 0));
  return msg;
}
