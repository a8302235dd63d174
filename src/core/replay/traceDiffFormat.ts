// A trace diff as text (for the terminal and PR comments) or JSON. The first line after the file names sums it up:
// "a.mcptrace (2025-11-25) ↔ b.mcptrace (2026-07-28): 0 catalogue changes, 1 answer changed, 1 question added".
import { describeDifference } from './structuralCompare';
import type { TraceDiff } from './traceDiff';
import type { FindingKind } from './userView';

const SINGULAR: Record<string, string> = { tools: 'tool', prompts: 'prompt', resources: 'resource', resourceTemplates: 'resource template' };
const FINDING_WORDS: Record<FindingKind, [string, string]> = {
  'answer-changed': ['answer changed', 'answers changed'],
  'question-added': ['question added', 'questions added'],
  'question-missing': ['question removed', 'questions removed'],
  'question-changed': ['question changed', 'questions changed'],
  'now-input-required': ['call now asks for input', 'calls now ask for input'],
  'no-longer-input-required': ['call no longer asks for input', 'calls no longer ask for input'],
  'catalogue-changed': ['catalogue change', 'catalogue changes'],
  'notifications-changed': ['call with other notifications', 'calls with other notifications'],
  'no-answer': ['call without an answer', 'calls without an answer'],
};

const count = (n: number, [one, many]: [string, string]) => `${n} ${n === 1 ? one : many}`;

/** One line: both traces with their protocol versions, the catalogue changes, and every kind of finding. */
export function summarizeTraceDiff(d: TraceDiff, a: string, b: string): string {
  const version = (e: TraceDiff['eras']['a']) => e.protocolVersion ?? (e.era === '2026' ? '2026 era' : '2025 era');
  const parts = [count(d.catalogue.length, FINDING_WORDS['catalogue-changed'])];
  const findings = { ...d.findings };
  parts.push(count(findings['answer-changed'] ?? 0, FINDING_WORDS['answer-changed']));
  delete findings['answer-changed'];
  for (const [kind, n] of Object.entries(findings)) parts.push(count(n!, FINDING_WORDS[kind as FindingKind]));
  if (d.server.length) parts.push(count(d.server.length, ['server change', 'server changes']));
  const only = d.onlyInA.length + d.onlyInB.length;
  if (only) parts.push(count(only, ['call in one trace only', 'calls in one trace only']));
  return `${a} (${version(d.eras.a)}) ↔ ${b} (${version(d.eras.b)}): ${parts.join(', ')}`;
}

export function formatTraceDiff(d: TraceDiff, a: string, b: string): string {
  const lines: string[] = [`--- ${a}`, `+++ ${b}`, summarizeTraceDiff(d, a, b)];
  if (d.identical) {
    lines.push(`No changes: the same server, catalogue and ${count(d.comparedResponses, ['answer', 'answers'])}.`);
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
    lines.push(`Calls (${d.responses.length} of ${d.comparedResponses} changed):`);
    for (const r of d.responses) {
      lines.push(`  ~ ${r.label} #${r.occurrence} (line ${r.lineA} -> ${r.lineB})${r.requestDifferences.length ? ' [asked differently]' : ''}`);
      for (const x of r.requestDifferences) lines.push(`      request ${describeDifference(x)}`);
      for (const f of r.findings) {
        if (f.kind === 'answer-changed') for (const x of (f.differences ?? []).slice(0, 20)) lines.push(`      ${describeDifference(x)}`);
        else lines.push(`      ${f.message}`);
      }
    }
  }
  if (d.onlyInA.length) lines.push(`Only in ${a}: ${d.onlyInA.join(', ')}`);
  if (d.onlyInB.length) lines.push(`Only in ${b}: ${d.onlyInB.join(', ')}`);
  return lines.join('\n') + '\n';
}
