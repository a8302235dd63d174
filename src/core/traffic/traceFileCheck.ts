// Says in one sentence why a path cannot be a trace, before a tool reads it: missing, a directory, empty, binary, or
// text whose first line is neither a trace header nor a trace event, or a header alone (when the whole file fits in
// the sniffed bytes; a longer one is caught after reading).
import { open, stat } from 'node:fs/promises';
import { isTraceEvent, TRACE_FORMAT } from './traceEvents';

export class NotATraceError extends Error {}

const SNIFF_BYTES = 64 * 1024;

/**
 * Resolves when `file` looks like a trace; rejects with a NotATraceError naming `name` otherwise. `purpose` ends the
 * sentence for a header alone ("there is nothing to compare").
 */
export async function checkTraceFile(file: string, name = file, purpose = 'compare'): Promise<void> {
  let size: number;
  try {
    const s = await stat(file);
    if (s.isDirectory()) throw new NotATraceError(`${name} is a directory, not a trace file.`);
    size = s.size;
  } catch (e) {
    if (e instanceof NotATraceError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new NotATraceError(`Cannot read ${name}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}.`);
  }
  if (size === 0) throw new NotATraceError(`${name} is empty, not a trace file.`);
  const fh = await open(file, 'r');
  let head: Buffer;
  try {
    const buf = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    head = buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
  if (head.includes(0)) throw new NotATraceError(`${name} is a binary file, not a trace (a .mcptrace file is JSON Lines text).`);
  const text = head.toString('utf8');
  const nl = text.indexOf('\n');
  const first = (nl === -1 ? text : text.slice(0, nl)).trim();
  // A first line longer than the sniffed bytes is judged by the reader, line by line.
  if (nl === -1 && size > SNIFF_BYTES) return;
  let value: unknown;
  try {
    value = JSON.parse(first);
  } catch {
    throw new NotATraceError(`${name} is not a trace: its first line is not JSON (a .mcptrace file is JSON Lines with a header first).`);
  }
  const header = value as { type?: unknown; format?: unknown };
  if (!(header?.type === 'header' && header.format === TRACE_FORMAT) && !isTraceEvent(value)) {
    throw new NotATraceError(`${name} is not a trace: its first line is neither a trace header nor a trace event.`);
  }
  if (size <= SNIFF_BYTES && header.type === 'header' && text.slice(nl === -1 ? text.length : nl + 1).trim() === '') throw new NotATraceError(emptyTraceMessage(name, purpose));
}

/** The sentence for a trace that parsed but holds no events (a header alone). */
export function emptyTraceMessage(name: string, purpose = 'compare'): string {
  return `${name} holds no recorded traffic (only a header): there is nothing to ${purpose}.`;
}
