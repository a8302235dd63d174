// Quick fixes: every diagnostic whose check knows a fix offers it; the preferred one is the auto-fix.
import { CodeAction, CodeActionKind, CodeActionParams, Diagnostic } from 'vscode-languageserver/node';
import type { ManifestDiagnostic } from '../../core/manifest/manifestDiagnostic';
import { toLspDiagnostic } from '../convert';

function overlaps(a: ManifestDiagnostic['range'], b: CodeActionParams['range']): boolean {
  const before = (p: { line: number; character: number }, q: { line: number; character: number }): boolean => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function sameDiagnostic(d: ManifestDiagnostic, l: Diagnostic): boolean {
  return l.code === d.code && l.range.start.line === d.range.start.line && l.range.start.character === d.range.start.character && l.message === d.message;
}

export function codeActions(uri: string, params: CodeActionParams, diagnostics: ManifestDiagnostic[]): CodeAction[] {
  if (params.context.only && !params.context.only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(k + '.') || k === CodeActionKind.Empty)) return [];
  const requested = params.context.diagnostics ?? [];
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    if (!d.fixes?.length) continue;
    const fromClient = requested.find((l) => sameDiagnostic(d, l));
    if (!fromClient && !overlaps(d.range, params.range)) continue;
    for (const fix of d.fixes) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [fromClient ?? toLspDiagnostic(d)],
        isPreferred: fix.preferred,
        edit: { changes: { [uri]: fix.edits } },
      });
    }
  }
  return actions;
}
