// Runs verify for the editor (trace viewer and Test Explorer): picks the server (the trace header's, the one in
// .mcpworkbench.json, or one the user chooses), applies the rules, and keeps the last report per trace.
import * as vscode from 'vscode';
import type { ConnectTarget } from '../../core/client/types';
import { resolveServerEntry } from '../../core/client/resolveTarget';
import type { DiscoveredFile } from '../../core/manifest/discoverServers';
import { describeEndpoint } from '../../core/manifest/serverEntries';
import type { CompareRuleSpec } from '../../core/replay/compareRules';
import { describeDifference } from '../../core/replay/structuralCompare';
import { verifyTrace, type VerifyCheck, type VerifyReport } from '../../core/replay/verify';
import type { VerifyView } from '../../shared/traceViewerProtocol';
import { ensureTrustedForLaunch } from '../trust';
import { verifyConfigFor } from './verifySettings';

export interface VerifyRunnerDeps {
  listServers(): Promise<DiscoveredFile[]>;
  log: vscode.LogOutputChannel;
}

export interface VerifyRequest {
  trace: string;
  /** Ask the user which server to verify against. */
  chooseTarget?: boolean;
  target?: ConnectTarget;
  rules?: CompareRuleSpec;
  onCheck?(check: VerifyCheck): void;
  signal?: AbortSignal;
}

export class VerifyRunner {
  private readonly reports = new Map<string, VerifyReport>();

  constructor(private readonly deps: VerifyRunnerDeps) {}

  lastReport(trace: string): VerifyReport | undefined {
    return this.reports.get(trace);
  }

  /** Undefined when the user cancelled (no server picked, untrusted workspace). Throws on bad config. */
  async run(req: VerifyRequest): Promise<VerifyReport | undefined> {
    if (!(await ensureTrustedForLaunch())) return undefined;
    const config = verifyConfigFor(req.trace, req.rules);
    let target = req.target;
    if (!target && req.chooseTarget) {
      target = await this.pickTarget();
      if (!target) return undefined;
    }
    target ??= config.target;
    this.deps.log.info(`verify ${req.trace}${target ? ` against ${target.kind === 'stdio' ? target.command : target.url}` : ' against the server in its header'}${config.configFile ? ` (rules from ${config.configFile})` : ''}`);
    const report = await verifyTrace(req.trace, {
      target,
      rules: config.rules,
      timeoutMs: config.timeoutMs,
      onCheck: req.onCheck,
      onStderrLine: (line) => this.deps.log.debug(`[verify server] ${line}`),
    });
    this.reports.set(req.trace, report);
    this.deps.log.info(`verify ${req.trace}: ${report.ok ? 'passed' : report.error ? `error: ${report.error}` : `${report.counts.failed} changed, ${report.counts.missing} missing`} (${report.durationMs} ms)`);
    return report;
  }

  private async pickTarget(): Promise<ConnectTarget | undefined> {
    type Item = vscode.QuickPickItem & { pick?: () => Promise<ConnectTarget> };
    const files = await this.deps.listServers().catch(() => [] as DiscoveredFile[]);
    const items: Item[] = [];
    for (const f of files) {
      for (const s of f.servers ?? []) {
        if (s.problem) continue;
        items.push({
          label: s.name,
          description: vscode.workspace.asRelativePath(f.file),
          detail: describeEndpoint(s),
          pick: () => resolveServerEntry(s, { file: f.file, workspaceFolder: vscode.workspace.getWorkspaceFolder(vscode.Uri.file(f.file))?.uri.fsPath }),
        });
      }
    }
    items.push({ label: '$(terminal) Enter a command or URL…', alwaysShow: true });
    const picked = await vscode.window.showQuickPick(items, { title: 'Verify against which server?', placeHolder: 'A configured server, or a command or URL' });
    if (!picked) return undefined;
    if (picked.pick) return picked.pick();
    const typed = await vscode.window.showInputBox({ title: 'Verify against', prompt: 'A command that starts a stdio server, or an http(s) URL' });
    if (!typed?.trim()) return undefined;
    if (/^https?:\/\//i.test(typed.trim())) return { kind: 'http', url: typed.trim() };
    const [command, ...args] = typed.trim().split(/\s+/);
    return { kind: 'stdio', command, args, cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath };
  }
}

export function verifyView(r: VerifyReport): VerifyView {
  return {
    ok: r.ok,
    target: r.target,
    durationMs: r.durationMs,
    error: r.error,
    warnings: r.warnings,
    counts: r.counts,
    checks: r.checks.map((c) => ({ index: c.index, line: c.line, label: c.label, status: c.status, differences: c.differences.map(describeDifference), failure: c.failure })),
  };
}
