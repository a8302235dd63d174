// The result types of manifest validation: diagnostics with stable codes, ranges and text-edit fixes.
// Plain data with 0-based positions, so the CLI prints them and the language server maps them one to one.
import type { Position } from './jsonDocument';
import type { DiagnosticCode, Severity } from './diagnosticCodes';

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface ManifestFix {
  title: string;
  edits: TextEdit[];
  /** The fix an editor may apply on its own ("auto fix"). */
  preferred?: boolean;
}

export interface ManifestDiagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  /** JSON pointer of the offending value or key ("" for the whole document). */
  path: string;
  range: Range;
  fixes?: ManifestFix[];
  /** Which stage found it: syntax, schema validation, a semantic check, or a check that needs the machine. */
  source: 'syntax' | 'schema' | 'check' | 'environment';
}

export type JsonPath = (string | number)[];

/** RFC 6901 JSON pointer for a path. */
export function toPointer(path: JsonPath): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** Document order, then severity: how every face lists diagnostics. */
export function compareDiagnostics(a: ManifestDiagnostic, b: ManifestDiagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
}
