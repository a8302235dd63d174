// The lint report crosses to the webview as plain data; its shape is owned by src/core/lint.
export type { LintReport, LintFinding, ToolCost, LintSeverity, LintCode } from '../core/lint/lintTypes';
