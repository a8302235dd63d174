// Everything about recorded sessions in the editor: the trace viewer, verify (command, viewer, Test Explorer)
// and recording of inspector connections. main.ts calls this once.
import * as vscode from 'vscode';
import type { DiscoveredFile } from '../../core/manifest/discoverServers';
import { registerRecording, type RecordingApi } from '../recording/registerRecording';
import { registerTraceTests, type TraceTestsApi } from '../testing/traceTests';
import { registerTraceViewer, type TraceViewerApi } from './registerTraceViewer';
import { VerifyRunner } from './verifyRunner';

export interface ReplayApi {
  viewer: TraceViewerApi;
  tests: TraceTestsApi;
  recording: RecordingApi;
  runner: VerifyRunner;
}

export function registerReplayFeatures(context: vscode.ExtensionContext, deps: { listServers(): Promise<DiscoveredFile[]>; log: vscode.LogOutputChannel }): ReplayApi {
  const runner = new VerifyRunner(deps);
  const viewer = registerTraceViewer(context, runner, deps.log);
  const tests = registerTraceTests(context, runner);
  const recording = registerRecording(context, deps.log);
  context.subscriptions.push(
    vscode.commands.registerCommand('mcpWorkbench.verifyTrace', async (uri?: vscode.Uri) => {
      const target = uri ?? (await pickTrace());
      if (!target) return undefined;
      try {
        const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Verifying ${vscode.workspace.asRelativePath(target)}…` }, () => runner.run({ trace: target.fsPath }));
        if (!report) return undefined;
        const first = report.checks.find((c) => c.status !== 'pass');
        if (report.error) void vscode.window.showErrorMessage(`Verify could not run: ${report.error}`);
        else if (first) {
          const open = 'Open Diff';
          void vscode.window.showWarningMessage(`${report.counts.failed + report.counts.missing} of ${report.counts.checks} answers changed.`, open).then((c) => {
            if (c === open) void viewer.diffs.open(target.fsPath, first);
          });
        } else void vscode.window.showInformationMessage(`All ${report.counts.checks} answers match the recording.`);
        return report;
      } catch (e) {
        void vscode.window.showErrorMessage((e as Error).message);
        return undefined;
      }
    }),
  );
  return { viewer, tests, recording, runner };
}

async function pickTrace(): Promise<vscode.Uri | undefined> {
  const uris = await vscode.workspace.findFiles('**/*.mcptrace', '**/node_modules/**', 500);
  if (uris.length === 0) {
    void vscode.window.showInformationMessage('There is no .mcptrace file in this workspace.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    uris.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u })),
    { title: 'Verify which trace?' },
  );
  return picked?.uri;
}
