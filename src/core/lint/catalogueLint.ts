// The tool-catalogue lint: context cost, catalogue size, suspicious descriptions, schema renderability and
// drift since the last connection. Pure: the caller stores `report.hashes` and passes them back next time.
import type { LintFinding, LintReport, ToolCost } from './lintTypes';
import { estimateTokens, toolContextText } from './tokenEstimate';
import { suspiciousTextFindings } from './suspiciousText';
import { schemaFindings } from './schemaRenderability';
import { driftFindings } from './toolHashes';

export interface LintOptions {
  /** Hashes stored after the previous connection (report.hashes). */
  previousHashes?: Record<string, string>;
  /** More tools than this make tool choice unreliable for many models and clients. */
  maxTools?: number;
  /** A catalogue costing more tokens than this crowds out the conversation. */
  maxTotalTokens?: number;
  /** One tool costing more than this is worth trimming. */
  maxToolTokens?: number;
}

export const LINT_DEFAULTS = { maxTools: 40, maxTotalTokens: 20_000, maxToolTokens: 2_000 } as const;

export interface LintableTool {
  name: string;
  title?: string;
  description?: string;
  inputSchema?: unknown;
  outputSchema?: unknown;
  annotations?: unknown;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function lintCatalogue(tools: LintableTool[], options: LintOptions = {}): LintReport {
  const maxTools = options.maxTools ?? LINT_DEFAULTS.maxTools;
  const maxTotal = options.maxTotalTokens ?? LINT_DEFAULTS.maxTotalTokens;
  const maxTool = options.maxToolTokens ?? LINT_DEFAULTS.maxToolTokens;
  const costs: ToolCost[] = tools.map((t) => {
    const text = toolContextText(t);
    return { tool: t.name, tokens: estimateTokens(text), chars: text.length };
  });
  costs.sort((a, b) => b.tokens - a.tokens || a.tool.localeCompare(b.tool));
  const totalTokens = costs.reduce((n, c) => n + c.tokens, 0);
  const findings: LintFinding[] = [];

  if (tools.length > maxTools) {
    findings.push({ code: 'catalogue-too-large', severity: 'warning', message: `The server offers ${tools.length} tools; above ${maxTools} many clients truncate the list and models choose tools less reliably. Consider fewer, broader tools or grouping them into separate servers.` });
  }
  if (totalTokens > maxTotal) {
    const top = costs.slice(0, 3).map((c) => `${c.tool} (${c.tokens})`).join(', ');
    findings.push({ code: 'catalogue-too-costly', severity: 'warning', message: `The tool definitions cost about ${totalTokens} tokens of context in every request (limit ${maxTotal}). The biggest: ${top}.` });
  }
  for (const c of costs) {
    if (c.tokens > maxTool) findings.push({ code: 'tool-too-costly', severity: 'warning', tool: c.tool, message: `The definition of "${c.tool}" costs about ${c.tokens} tokens (limit ${maxTool}); shorten its description or schema.` });
  }
  const names = tools.map((t) => t.name);
  for (const t of tools) {
    findings.push(...suspiciousTextFindings(t, names));
    findings.push(...schemaFindings(t.name, t.inputSchema, 'inputSchema'));
    if (t.outputSchema !== undefined) findings.push(...schemaFindings(t.name, t.outputSchema, 'outputSchema'));
  }
  const drift = driftFindings(tools, options.previousHashes);
  findings.push(...drift.findings);
  findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return { costs, totalTokens, toolCount: tools.length, findings, hashes: drift.hashes };
}
