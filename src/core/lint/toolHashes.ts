// A stable hash per tool definition, stored between connections: a definition that changes without the
// user noticing (a "rug pull") is what these hashes reveal.
import { createHash } from 'node:crypto';
import type { LintFinding } from './lintTypes';
import { stableJson } from '../util/stableJson';

export { stableJson };

type ToolLike = { name: string; title?: string; description?: string; inputSchema?: unknown; outputSchema?: unknown; annotations?: unknown };

const PARTS = ['title', 'description', 'inputSchema', 'outputSchema', 'annotations'] as const;

/** `sha256:<hex>` of the parts of a definition that change what a model or user sees; per-part hashes too. */
export function toolHash(tool: ToolLike): string {
  return `sha256:${createHash('sha256').update(stableJson(PARTS.map((p) => tool[p]))).digest('hex')}`;
}

function partHashes(tool: ToolLike): string {
  return PARTS.map((p) => createHash('sha256').update(stableJson(tool[p])).digest('hex').slice(0, 8)).join('.');
}

/** The stored form: `<full hash>|<per-part hashes>`, so a change can say which part changed. */
export function toolFingerprint(tool: ToolLike): string {
  return `${toolHash(tool)}|${partHashes(tool)}`;
}

export function driftFindings(tools: ToolLike[], previous: Record<string, string> | undefined): { findings: LintFinding[]; hashes: Record<string, string> } {
  const hashes: Record<string, string> = {};
  for (const t of tools) hashes[t.name] = toolFingerprint(t);
  const findings: LintFinding[] = [];
  if (!previous || Object.keys(previous).length === 0) return { findings, hashes };
  for (const t of tools) {
    const before = previous[t.name];
    if (before === undefined) {
      findings.push({ code: 'tool-added', severity: 'info', tool: t.name, message: `The tool "${t.name}" is new since the last connection.` });
    } else if (before.split('|')[0] !== hashes[t.name].split('|')[0]) {
      const oldParts = (before.split('|')[1] ?? '').split('.');
      const newParts = hashes[t.name].split('|')[1].split('.');
      const changed = PARTS.filter((_, i) => oldParts[i] !== newParts[i]);
      findings.push({
        code: 'tool-changed',
        severity: 'warning',
        tool: t.name,
        message: `The definition of "${t.name}" changed since the last connection (${changed.length ? changed.join(', ') : 'definition'}). Review it: a tool that changes after approval can change what it asks the model to do.`,
      });
    }
  }
  for (const name of Object.keys(previous)) {
    if (!(name in hashes)) findings.push({ code: 'tool-removed', severity: 'info', tool: name, message: `The tool "${name}" is gone since the last connection.` });
  }
  return { findings, hashes };
}
