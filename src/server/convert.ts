// Maps the core's plain diagnostics to LSP diagnostics.
import { Diagnostic, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver/node';
import type { ManifestDiagnostic } from '../core/manifest/manifestDiagnostic';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint } as const;

export const DIAGNOSTIC_SOURCE = 'mcp-workbench';

export function toLspDiagnostic(d: ManifestDiagnostic): Diagnostic {
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.code,
    source: DIAGNOSTIC_SOURCE,
    message: d.message,
    tags: d.code === 'schema-deprecated' ? [DiagnosticTag.Deprecated] : undefined,
    data: { path: d.path, fixable: !!d.fixes?.length },
  };
}
