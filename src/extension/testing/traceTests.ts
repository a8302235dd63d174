// Traces in the workspace as tests (vscode.tests): each *.mcptrace file is a test; running it verifies the trace
// against its server. Each checked answer becomes a child test; a changed answer fails with the recorded and
// current JSON as the expected/actual pair, which the Test Results view shows as a diff.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeDifference } from '../../core/replay/structuralCompare';
import type { VerifyCheck, VerifyReport } from '../../core/replay/verify';
import { pretty } from '../traceViewer/verifyDiffs';
import type { VerifyRunner } from '../traceViewer/verifyRunner';

export type TestOutcome = 'passed' | 'failed' | 'errored' | 'skipped';

export interface TraceTestsApi {
  controller: vscode.TestController;
  /** Finds every trace in the workspace again. */
  refresh(): Promise<void>;
  /** Top-level items: one per trace file. */
  items(): vscode.TestItem[];
  /** Runs these items (all when empty) and returns what each item ended as, by id. */
  run(ids?: string[]): Promise<Map<string, { outcome: TestOutcome; message?: vscode.TestMessage }>>;
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

  const runHandler = async (request: vscode.TestRunRequest, token: vscode.CancellationToken) => {
    const run = controller.createTestRun(request);
    const outcomes = new Map<string, { outcome: TestOutcome; message?: vscode.TestMessage }>();
    const mark = (item: vscode.TestItem, outcome: TestOutcome, message?: vscode.TestMessage, durationMs?: number) => {
      outcomes.set(item.id, { outcome, message });
      if (outcome === 'passed') run.passed(item, durationMs);
      else if (outcome === 'failed') run.failed(item, message!, durationMs);
      else if (outcome === 'errored') run.errored(item, message!, durationMs);
      else run.skipped(item);
    };
    // A child (one answer) runs its whole trace: answers depend on everything sent before them.
    const files = new Map<string, vscode.TestItem>();
    const wanted = request.include ?? [...iterate(controller.items)];
    for (const item of wanted) {
      const file = item.parent ?? item;
      if (!request.exclude?.some((x) => x.id === file.id)) files.set(file.id, file);
    }
    try {
      for (const file of files.values()) {
        if (token.isCancellationRequested) {
          mark(file, 'skipped');
          continue;
        }
        run.started(file);
        let report: VerifyReport | undefined;
        try {
          report = await runner.run({ trace: file.uri!.fsPath });
        } catch (e) {
          mark(file, 'errored', new vscode.TestMessage((e as Error).message));
          continue;
        }
        if (!report) {
          mark(file, 'skipped');
          continue;
        }
        report.checks.forEach((c) => run.appendOutput(`${c.status.padEnd(7)} #${c.index} ${c.label} (line ${c.line})\r\n`, undefined, file));
        file.children.replace(report.checks.map((c) => checkItem(controller, file, c)));
        for (const c of report.checks) {
          const child = file.children.get(`${file.id}#${c.index}`)!;
          if (c.status === 'pass') mark(child, 'passed', undefined, c.durationMs);
          else mark(child, 'failed', checkMessage(file.uri!, c), c.durationMs);
        }
        if (report.error) mark(file, 'errored', new vscode.TestMessage(report.error), report.durationMs);
        else if (report.ok) mark(file, 'passed', undefined, report.durationMs);
        else {
          const first = report.checks.find((c) => c.status !== 'pass')!;
          const msg = checkMessage(file.uri!, first);
          msg.message = `${report.counts.failed} changed, ${report.counts.missing} missing of ${report.counts.checks} answers. First: ${msg.message}`;
          mark(file, 'failed', msg, report.durationMs);
        }
      }
    } finally {
      run.end();
      lastOutcomes = outcomes;
    }
  };

  controller.createRunProfile('Verify against the server', vscode.TestRunProfileKind.Run, runHandler, true);
  context.subscriptions.push(controller, watcher);
  void refresh();

  return {
    controller,
    refresh,
    items: () => [...iterate(controller.items)],
    run: async (ids) => {
      const include = ids?.length ? ids.map((id) => controller.items.get(id)).filter((i): i is vscode.TestItem => !!i) : undefined;
      const source = new vscode.CancellationTokenSource();
      try {
        await runHandler(new vscode.TestRunRequest(include), source.token);
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

function checkItem(controller: vscode.TestController, file: vscode.TestItem, c: VerifyCheck): vscode.TestItem {
  const item = controller.createTestItem(`${file.id}#${c.index}`, `#${c.index} ${c.label}`, file.uri);
  item.range = new vscode.Range(c.line - 1, 0, c.line - 1, 0);
  return item;
}

/** A changed answer as an expected/actual diff, located at the request's line in the trace. */
function checkMessage(uri: vscode.Uri, c: VerifyCheck): vscode.TestMessage {
  const summary = c.status === 'missing' ? `no answer to ${c.label}: ${c.failure}` : `${c.label} answered differently: ${c.differences.slice(0, 3).map(describeDifference).join('; ')}`;
  const msg = c.status === 'missing' ? new vscode.TestMessage(summary) : vscode.TestMessage.diff(summary, pretty(c.expected), pretty(c.actual));
  msg.location = new vscode.Location(uri, new vscode.Position(c.line - 1, 0));
  return msg;
}
