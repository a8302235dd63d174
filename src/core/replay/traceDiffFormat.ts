// A trace diff as text (for the terminal and PR comments) or JSON.
import { describeDifference } from './structuralCompare';
import type { TraceDiff } from './traceDiff';

const SINGULAR: Record<string, string> = { tools: 'tool', prompts: 'prompt', resources: 'resource', resourceTemplates: 'resource template' };

export function formatTraceDiff(d: TraceDiff, a: string, b: string): string {
  const lines: string[] = [`--- ${a}`, `+++ ${b}`];
  if (d.identical) {
    lines.push(`No changes: the same server, catalogue and ${d.comparedResponses} answers.`);
    return lines.join('\n') + '\n';
  }
  if (d.server.length) {
    lines.push('Server:');
    for (const x of d.server) lines.push(`  ${describeDifference(x)}`);
  }
  if (d.catalogue.length) {
    lines.push('Catalogue:');
    for (const c of d.catalogue) {
      const sign = c.change === 'added' ? '+' : c.change === 'removed' ? '-' : '~';
      lines.push(`  ${sign} ${SINGULAR[c.kind]} ${c.name} ${c.change}`);
      for (const x of c.differences ?? []) lines.push(`      ${describeDifference(x)}`);
    }
  }
  if (d.responses.length) {
    lines.push(`Answers (${d.responses.length} of ${d.comparedResponses} changed):`);
    for (const r of d.responses) {
      lines.push(`  ~ ${r.label} #${r.occurrence} (line ${r.lineA} -> ${r.lineB})${r.requestDifferences.length ? ' [asked differently]' : ''}`);
      for (const x of r.requestDifferences) lines.push(`      request ${describeDifference(x)}`);
      for (const x of r.differences.slice(0, 20)) lines.push(`      ${describeDifference(x)}`);
    }
  }
  if (d.onlyInA.length) lines.push(`Only in ${a}: ${d.onlyInA.join(', ')}`);
  if (d.onlyInB.length) lines.push(`Only in ${b}: ${d.onlyInB.join(', ')}`);
  return lines.join('\n') + '\n';
}
