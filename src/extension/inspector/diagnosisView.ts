// A connection failure as the Overview shows it: the core's step, sentence and hint, with the evidence.
import { isConnectionError } from '../../core/client';
import type { DiagnosisView } from '../../shared/inspectorProtocol';

export function diagnosisOf(e: unknown): DiagnosisView {
  if (isConnectionError(e)) {
    const d = e.details;
    const evidence: string[] = [];
    if (d.command) evidence.push(`command: ${d.command}${d.resolvedCommand ? ` (found at ${d.resolvedCommand})` : ''}`);
    if (d.exitCode !== undefined && d.exitCode !== null) evidence.push(`exit code: ${d.exitCode}`);
    if (d.signal) evidence.push(`signal: ${d.signal}`);
    if (d.status !== undefined) evidence.push(`HTTP status: ${d.status}`);
    if (d.wwwAuthenticate) evidence.push(`WWW-Authenticate: ${d.wwwAuthenticate}`);
    if (d.protocolVersion) evidence.push(`protocol version: ${d.protocolVersion}`);
    if (d.line) evidence.push(`stdout line: ${d.line}`);
    if (d.stderrTail?.length) evidence.push(`stderr (last lines):\n${d.stderrTail.join('\n')}`);
    return { step: e.step, message: e.message, hint: e.hint, detail: evidence.join('\n') || undefined };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { step: 'connect', message: /[.!?]$/.test(message) ? message : `${message}.` };
}
