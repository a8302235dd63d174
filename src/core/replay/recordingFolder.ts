// Recording into a folder of traces (e.g. `.mcp/traces/`): file names that say which server and when, a size cap
// per file (a full file is closed and the next part starts) and a cap on the folder (oldest traces go first).
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TraceConnectionInfo, TraceConnectionSink, TraceEvent, TraceTarget } from '../traffic/traceEvents';
import { Redactor } from '../traffic/redact';
import { TraceWriter } from '../traffic/traceWriter';

export interface RecordingLimits {
  /** A trace file is closed and a new part started past this size (bytes). */
  maxFileBytes: number;
  /** The folder's traces are pruned, oldest first, to stay under this size (bytes). */
  maxFolderBytes: number;
}

/** `demo-2026-11-22T01-02-03Z.mcptrace`: the server's name made file-safe, then the UTC time. */
export function traceFileName(server: string, when: Date, part = 1): string {
  const safe = server.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60) || 'server';
  const time = when.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  return `${safe}-${time}${part > 1 ? `-part${part}` : ''}.mcptrace`;
}

/**
 * A path in `dir` for a new trace that no existing file has: two recordings of one server that start within the
 * same second get `-2`, `-3`, ... rather than overwriting each other.
 */
export function freeTraceFile(dir: string, server: string, when: Date, part = 1): string {
  const name = traceFileName(server, when, part);
  let file = join(dir, name);
  for (let n = 2; existsSync(file); n++) file = join(dir, name.replace(/\.mcptrace$/, `-${n}.mcptrace`));
  return file;
}

/** Deletes the oldest `*.mcptrace` files until the folder is under `maxBytes`; never touches `keep`. Returns what went. */
export function pruneTraceFolder(dir: string, maxBytes: number, keep: ReadonlySet<string> = new Set()): string[] {
  let files: Array<{ file: string; size: number; mtime: number }>;
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.mcptrace'))
      .map((f) => {
        const st = statSync(join(dir, f));
        return { file: join(dir, f), size: st.size, mtime: st.mtimeMs };
      });
  } catch {
    return [];
  }
  let total = files.reduce((n, f) => n + f.size, 0);
  const removed: string[] = [];
  for (const f of files.sort((a, b) => a.mtime - b.mtime)) {
    if (total <= maxBytes) break;
    if (keep.has(f.file)) continue;
    rmSync(f.file, { force: true });
    total -= f.size;
    removed.push(f.file);
  }
  return removed;
}

const CHECK_SIZE_EVERY = 64;

/**
 * A TraceSink that writes one server's traffic into the folder, rotating at the size cap. It passes the connect's
 * progress to the file being written (its header records the era), and later parts start with the same header.
 */
export class RotatingTraceWriter implements TraceConnectionSink {
  private writer: TraceWriter;
  private connection: TraceConnectionInfo | undefined;
  private part = 1;
  private sinceCheck = 0;
  private readonly started = new Date();
  readonly files: string[] = [];

  constructor(
    readonly dir: string,
    readonly server: string,
    private readonly target: TraceTarget,
    private readonly limits: RecordingLimits,
    private readonly secrets: string[] = [],
    private readonly onPrune?: (removed: string[]) => void,
  ) {
    this.writer = this.openPart();
  }

  /** The file being written now. */
  get file(): string {
    return this.writer.file;
  }

  get closed(): boolean {
    return this.writer.closed;
  }

  write(event: TraceEvent): void {
    if (this.writer.closed) return;
    this.writer.write(event);
    if (++this.sinceCheck < CHECK_SIZE_EVERY) return;
    this.sinceCheck = 0;
    if (statSync(this.writer.file).size >= this.limits.maxFileBytes) {
      this.writer.close();
      this.part++;
      this.writer = this.openPart();
    }
  }

  connecting(): void {
    this.writer.connecting();
  }

  connected(info: TraceConnectionInfo): void {
    this.connection = info;
    this.writer.connected(info);
  }

  connectFailed(): void {
    this.writer.connectFailed();
  }

  close(): void {
    this.writer.close();
  }

  private openPart(): TraceWriter {
    const file = freeTraceFile(this.dir, this.server, this.started, this.part);
    // A later part knows the connection already: its header is complete at once.
    const connection = this.part > 1 ? (this.connection ?? null) : undefined;
    const w = new TraceWriter(file, { target: this.target, redactor: new Redactor({ secrets: this.secrets }), connection });
    this.files.push(file);
    const removed = pruneTraceFolder(this.dir, this.limits.maxFolderBytes, new Set([file]));
    if (removed.length) this.onPrune?.(removed);
    return w;
  }
}
