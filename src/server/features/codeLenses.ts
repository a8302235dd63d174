// Code lenses over each server: Inspect, Serve over HTTP, Record. They only name the extension's commands with
// a { file, name } argument; the extension hides lenses whose command is not registered. Nothing runs here.
import type { CodeLens } from 'vscode-languageserver/node';
import { readServerEntries } from '../../core/manifest/serverEntries';
import type { ManifestReport } from '../../core/manifest/validateManifest';

export const SERVER_LENS_COMMANDS = [
  { command: 'mcpWorkbench.inspectServer', title: 'Inspect' },
  { command: 'mcpWorkbench.gateway.serve', title: 'Serve over HTTP' },
  { command: 'mcpWorkbench.recordServer', title: 'Record' },
] as const;

export function serverCodeLenses(report: ManifestReport, file: string | undefined): CodeLens[] {
  const doc = report.document;
  if (!doc || !file || !report.kind) return [];
  const entries = readServerEntries(file, doc.text, report.kind);
  const lenses: CodeLens[] = [];
  for (const s of entries.servers) {
    if (!s.position) continue;
    const range = { start: s.position, end: s.position };
    for (const c of SERVER_LENS_COMMANDS) {
      if (c.command === 'mcpWorkbench.gateway.serve' && s.transport !== 'stdio') continue; // the gateway wraps stdio servers
      lenses.push({ range, command: { title: c.title, command: c.command, arguments: [{ file, name: s.name }] } });
    }
  }
  return lenses;
}
