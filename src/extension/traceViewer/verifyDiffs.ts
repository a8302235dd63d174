// Mismatches open in VS Code's diff editor: the recorded and the new answer as read-only JSON documents served by
// a content provider (scheme mcptrace-verify), so nothing is written to disk.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { VerifyCheck } from '../../core/replay/verify';

export const VERIFY_DIFF_SCHEME = 'mcptrace-verify';

export class VerifyDiffs implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly docs = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private seq = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.toString()) ?? '// This comparison is no longer available: run Verify again.\n';
  }

  /** The two documents of a check; the path ends in .json so they get JSON highlighting. */
  uris(trace: string, check: VerifyCheck): { recorded: vscode.Uri; current: vscode.Uri; title: string } {
    const run = ++this.seq;
    const base = `${path.basename(trace)}/${run}-${check.index}`;
    const recorded = vscode.Uri.from({ scheme: VERIFY_DIFF_SCHEME, path: `/${base}/recorded.json` });
    const current = vscode.Uri.from({ scheme: VERIFY_DIFF_SCHEME, path: `/${base}/current.json` });
    this.docs.set(recorded.toString(), pretty(check.expected));
    this.docs.set(current.toString(), check.status === 'missing' ? `// no answer: ${check.failure}\n` : pretty(check.actual));
    this.changed.fire(recorded);
    this.changed.fire(current);
    return { recorded, current, title: `${path.basename(trace)} #${check.index} ${check.label}: recorded ↔ current` };
  }

  async open(trace: string, check: VerifyCheck): Promise<void> {
    const { recorded, current, title } = this.uris(trace, check);
    // Beside the trace viewer, so the timeline and its verify results stay in view.
    await vscode.commands.executeCommand('vscode.diff', recorded, current, title, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  }

  dispose(): void {
    this.changed.dispose();
    this.docs.clear();
  }
}

/** Sorted keys so that reordered keys never show up as a difference in the text diff either. */
export function pretty(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2) + '\n';
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  return v;
}
