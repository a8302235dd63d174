// A verify report as a human summary, JSON, or JUnit XML (for CI test tabs).
import { describeDifference } from './structuralCompare';
import type { VerifyReport } from './verify';

export type ReportFormat = 'text' | 'json' | 'junit';

export function formatText(reports: VerifyReport[], options: { verbose?: boolean } = {}): string {
  const lines: string[] = [];
  for (const r of reports) {
    const c = r.counts;
    const head = r.error ? 'ERROR' : r.ok ? 'PASS ' : 'FAIL ';
    lines.push(`${head} ${r.trace}  (${c.passed}/${c.checks} answers match, ${c.failed} changed, ${c.missing} missing; ${r.durationMs} ms against ${r.target || 'no server'}${eras(r)})`);
    if (r.error) lines.push(`  ${r.error}`);
    for (const l of r.stderrTail ?? []) lines.push(`  stderr | ${l}`);
    for (const ch of r.checks) {
      if (ch.status === 'pass' && !options.verbose) continue;
      const where = `#${ch.index} ${ch.label} (line ${ch.line})`;
      if (ch.status === 'pass') lines.push(`  ok      ${where}`);
      else if (ch.status === 'missing') lines.push(`  missing ${where}: ${ch.failure}`);
      else {
        lines.push(`  changed ${where}`);
        for (const f of ch.findings) {
          lines.push(`          [${f.kind}] ${f.message}`);
          const diffs = f.differences ?? [];
          if (diffs.length < 2) continue;
          for (const d of diffs.slice(0, 20)) lines.push(`            ${describeDifference(d)}`);
          if (diffs.length > 20) lines.push(`            ... and ${diffs.length - 20} more`);
        }
      }
    }
    for (const w of r.warnings) lines.push(`  warning: ${w}`);
  }
  if (reports.length > 1) {
    const bad = reports.filter((r) => !r.ok).length;
    lines.push(`${reports.length - bad} of ${reports.length} traces verified`);
  }
  return lines.join('\n') + '\n';
}

/** ", recorded 2025-11-25, replayed 2026-07-28" when the report knows the eras. */
function eras(r: VerifyReport): string {
  if (!r.protocolVersion) return '';
  return `, recorded ${r.recordedProtocolVersion ?? `${r.recordedEra} era`}, replayed ${r.protocolVersion}`;
}

export function formatJson(reports: VerifyReport[]): string {
  return JSON.stringify({ ok: reports.every((r) => r.ok), reports }, null, 2) + '\n';
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
function xml(s: string): string {
  // Characters XML 1.0 cannot hold at all are dropped.
  let clean = '';
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    if (code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) clean += ch;
  }
  return clean.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
}

export function formatJunit(reports: VerifyReport[]): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const total = reports.reduce((n, r) => n + r.counts.checks + (r.error ? 1 : 0), 0);
  const failures = reports.reduce((n, r) => n + r.counts.failed + r.counts.missing, 0);
  const errors = reports.filter((r) => r.error).length;
  out.push(`<testsuites name="mcp-workbench verify" tests="${total}" failures="${failures}" errors="${errors}">`);
  for (const r of reports) {
    const tests = r.counts.checks + (r.error ? 1 : 0);
    out.push(`  <testsuite name="${xml(r.trace)}" tests="${tests}" failures="${r.counts.failed + r.counts.missing}" errors="${r.error ? 1 : 0}" time="${(r.durationMs / 1000).toFixed(3)}" timestamp="${r.startedAt}">`);
    if (r.error) out.push(`    <testcase name="connect" classname="${xml(r.trace)}"><error message="${xml(r.error)}"${r.stderrTail ? `>${xml(r.stderrTail.join('\n'))}</error>` : '/>'}</testcase>`);
    for (const ch of r.checks) {
      const name = `#${ch.index} ${ch.label} (line ${ch.line})`;
      const open = `    <testcase name="${xml(name)}" classname="${xml(r.trace)}" time="${(ch.durationMs / 1000).toFixed(3)}"`;
      if (ch.status === 'pass') out.push(`${open}/>`);
      else if (ch.status === 'missing') out.push(`${open}><failure message="${xml(ch.failure ?? 'no answer')}" type="missing"/></testcase>`);
      else {
        const body = ch.findings.map((f) => [`[${f.kind}] ${f.message}`, ...(f.differences ?? []).map((d) => `  ${describeDifference(d)}`)].join('\n')).join('\n');
        const kinds = [...new Set(ch.findings.map((f) => f.kind))].join(',');
        out.push(`${open}><failure message="${xml(ch.findings.map((f) => f.message).join('; '))}" type="${xml(kinds || 'changed')}">${xml(body)}</failure></testcase>`);
      }
    }
    if (r.warnings.length) out.push(`    <system-err>${xml(r.warnings.join('\n'))}</system-err>`);
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}

export function formatReports(reports: VerifyReport[], format: ReportFormat, options: { verbose?: boolean } = {}): string {
  if (format === 'json') return formatJson(reports);
  if (format === 'junit') return formatJunit(reports);
  return formatText(reports, options);
}
