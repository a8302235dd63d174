// Runs verify for the editor (trace viewer and Test Explorer): picks the server (the trace header's, the one in
// .mcpworkbench.json, or one the user chooses), applies the rules, and keeps the last report per trace.
import * as vscode from 'vscode';
import type { ConnectTarget } from '../../core/client/types';
import { PROTOCOL_CHOICES, type ProtocolChoice } from '../../core/client/protocolChoice';
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
  /** Ask the user which server to verify against, and in which era. */
  chooseTarget?: boolean;
  target?: ConnectTarget;
  /** The era to replay in (default auto), whatever era the trace was recorded in. */
  protocol?: ProtocolChoice;
  rules?: CompareRuleSpec;
  onCheck?(check: VerifyCheck): void;
  signal?: AbortSignal;
}

export class VerifyRunner {
  /** The last report per trace, and per trace and era asked for. */
  private readonly reports = new Map<string, VerifyReport>();

  constructor(private readonly deps: VerifyRunnerDeps) {}

  lastReport(trace: string, protocol?: ProtocolChoice): VerifyReport | undefined {
    return this.reports.get(protocol ? `${trace}\n${protocol}` : trace);
  }

  /** Undefined when the user cancelled (no server picked, untrusted workspace). Throws on bad config. */
  async run(req: VerifyRequest): Promise<VerifyReport | undefined> {
    if (!(await ensureTrustedForLaunch())) return undefined;
    const config = verifyConfigFor(req.trace, req.rules);
    let target = req.target;
    let protocol = req.protocol;
    if (!target && req.chooseTarget) {
      target = await this.pickTarget();
      if (!target) return undefined;
      protocol ??= await pickProtocol();
      if (!protocol) return undefined;
    }
    target ??= config.target;
    this.deps.log.info(`verify ${req.trace}${target ? ` against ${target.kind === 'stdio' ? target.command : target.url}` : ' against the server in its header'}${config.configFile ? ` (rules from ${config.configFile})` : ''}`);
    const report = await verifyTrace(req.trace, {
      target,
      protocol,
      rules: config.rules,
      timeoutMs: config.timeoutMs,
      onCheck: req.onCheck,
      onStderrLine: (line) => this.deps.log.debug(`[verify server] ${line}`),
    });
    this.reports.set(req.trace, report);
    this.reports.set(`${req.trace}\n${protocol ?? 'auto'}`, report);
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

const ERA_ITEMS: Record<ProtocolChoice, string> = {
  auto: 'the newest era the server speaks',
  '2025': 'the 2025 initialize handshake',
  '2025-11-25': 'the 2025 initialize handshake and server requests',
  '2026-07-28': 'stateless requests, server/discover and input_required rounds',
};

/** Which era to replay in; the trace's own era does not limit it. */
async function pickProtocol(): Promise<ProtocolChoice | undefined> {
  const picked = await vscode.window.showQuickPick(
    PROTOCOL_CHOICES.map((p) => ({ label: p, description: ERA_ITEMS[p] })),
    { title: 'Verify in which protocol era?', placeHolder: 'The trace is replayed in this era, whatever era it was recorded in' },
  );
  return picked?.label as ProtocolChoice | undefined;
}

export function verifyView(r: VerifyReport): VerifyView {
  return {
    ok: r.ok,
    target: r.target,
    recordedProtocolVersion: r.recordedProtocolVersion ?? `${r.recordedEra} era`,
    protocolVersion: r.protocolVersion,
    durationMs: r.durationMs,
    error: r.error,
    warnings: r.warnings,
    counts: r.counts,
    checks: r.checks.map((c) => ({
      index: c.index,
      line: c.line,
      label: c.label,
      status: c.status,
      findings: c.findings.map((f) => ({ kind: f.kind, message: f.message })),
      differences: c.differences.map(describeDifference),
      failure: c.failure,
    })),
  };
}
