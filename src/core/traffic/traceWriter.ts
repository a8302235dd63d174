// Appends a trace file line by line: one synchronous write per line, so a crash of this process loses nothing
// that was recorded before it (the reader reports at most a torn last line if the OS cut a write short).
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { Redactor } from './redact';
import { TRACE_FORMAT, TRACE_VERSION, TraceEvent, TraceHeader, TraceSink, TraceTarget } from './traceEvents';

export interface TraceWriterOptions {
  target: TraceTarget;
  tool?: { name: string; version: string };
  /** Applied to the header and to every event. Defaults to the standard rules with no extra secrets. */
  redactor?: Redactor;
  /** Start time for the header; defaults to now. */
  createdAt?: Date;
}

export class TraceWriter implements TraceSink {
  readonly redactor: Redactor;
  private fd: number | undefined;
  private written = 0;

  constructor(
    readonly file: string,
    options: TraceWriterOptions,
  ) {
    this.redactor = options.redactor ?? new Redactor();
    mkdirSync(dirname(file), { recursive: true });
    this.fd = openSync(file, 'w');
    const header: TraceHeader = {
      type: 'header',
      format: TRACE_FORMAT,
      version: TRACE_VERSION,
      createdAt: (options.createdAt ?? new Date()).toISOString(),
      target: this.redactTarget(options.target),
      tool: options.tool ?? { name: 'mcp-workbench', version: process.env.MCP_WORKBENCH_VERSION ?? '0.1.0' },
    };
    this.line(header);
  }

  /** Number of events written (the header not counted). */
  get eventCount(): number {
    return this.written;
  }

  get closed(): boolean {
    return this.fd === undefined;
  }

  write(event: TraceEvent): void {
    if (this.fd === undefined) return;
    writeSync(this.fd, this.redactor.json(event) + '\n');
    this.written++;
  }

  close(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    closeSync(fd);
  }

  private line(value: unknown): void {
    writeSync(this.fd!, JSON.stringify(value) + '\n');
  }

  private redactTarget(target: TraceTarget): TraceTarget {
    const out: TraceTarget = { ...target };
    // Every env value is a secret (the names stay readable); they are also hidden wherever they reappear later.
    for (const v of Object.values(target.env ?? {})) this.redactor.addSecret(v);
    for (const [k, v] of Object.entries(target.headers ?? {})) if (this.redactor.isSecretKey(k)) this.redactor.addSecret(v.replace(/^(Bearer|Basic)\s+/i, ''));
    out.env = this.redactor.allValues(target.env);
    if (target.headers) out.headers = this.redactor.value(target.headers);
    if (target.args) out.args = target.args.map((a) => this.redactor.string(a));
    if (target.url) out.url = this.redactor.string(target.url);
    return out;
  }
}
