// Appends a trace file line by line: one synchronous write per line, so a crash of this process loses nothing
// that was recorded before it (the reader reports at most a torn last line if the OS cut a write short).
// The header records the connection's era. A Session announces its connect (`connecting`) before the first event;
// the writer then holds the few handshake events until `connected` completes the header, and writes them right
// after it. A connect that fails (`connectFailed`), `close`, or more than HELD_MAX held events write the header
// without the connection. A writer nobody announces a connect to writes its header with the first event.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { Redactor } from './redact';
import { TRACE_FORMAT, TRACE_VERSION, TraceConnectionInfo, TraceConnectionSink, TraceEvent, TraceHeader, TraceTarget } from './traceEvents';

export interface TraceWriterOptions {
  target: TraceTarget;
  tool?: { name: string; version: string };
  /** Applied to the header and to every event. Defaults to the standard rules with no extra secrets. */
  redactor?: Redactor;
  /** Start time for the header; defaults to now. */
  createdAt?: Date;
  /**
   * The connection is already known (e.g. saving traffic recorded earlier): the header is written at once with it.
   * `null` writes the header at once without it.
   */
  connection?: TraceConnectionInfo | null;
}

/** Events held for the header at most; a session that never reports its connect does not grow memory. */
const HELD_MAX = 256;

export class TraceWriter implements TraceConnectionSink {
  readonly redactor: Redactor;
  private fd: number | undefined;
  private written = 0;
  /** The header until it is written. */
  private header: TraceHeader | undefined;
  /** Events held while a connect is under way (undefined: not holding). */
  private held: TraceEvent[] | undefined;

  constructor(
    readonly file: string,
    options: TraceWriterOptions,
  ) {
    this.redactor = options.redactor ?? new Redactor();
    mkdirSync(dirname(file), { recursive: true });
    this.fd = openSync(file, 'w');
    this.header = {
      type: 'header',
      format: TRACE_FORMAT,
      version: TRACE_VERSION,
      createdAt: (options.createdAt ?? new Date()).toISOString(),
      target: this.redactTarget(options.target),
      tool: options.tool ?? { name: 'mcp-workbench', version: process.env.MCP_WORKBENCH_VERSION ?? '0.1.0' },
    };
    if (options.connection !== undefined) this.writeHeader(options.connection ?? undefined);
  }

  /** Number of events written or held (the header not counted). */
  get eventCount(): number {
    return this.written + (this.held?.length ?? 0);
  }

  get closed(): boolean {
    return this.fd === undefined;
  }

  /** A connect starts: hold its events until it completes (no-op once the header is written). */
  connecting(): void {
    if (this.header && !this.held) this.held = [];
  }

  /** Completes the header: the era, protocol version, the server's initialize/discover result, the client's declaration. */
  connected(info: TraceConnectionInfo): void {
    this.writeHeader(info);
  }

  /** The connect failed: the header is written without a connection, followed by what was held. */
  connectFailed(): void {
    this.writeHeader(undefined);
  }

  write(event: TraceEvent): void {
    if (this.fd === undefined) return;
    if (this.held) {
      this.held.push(event);
      if (this.held.length > HELD_MAX) this.writeHeader(undefined);
      return;
    }
    if (this.header) this.writeHeader(undefined);
    writeSync(this.fd, this.redactor.json(event) + '\n');
    this.written++;
  }

  close(): void {
    if (this.fd === undefined) return;
    this.writeHeader(undefined);
    const fd = this.fd;
    this.fd = undefined;
    closeSync(fd);
  }

  private writeHeader(info: TraceConnectionInfo | undefined): void {
    const header = this.header;
    if (!header || this.fd === undefined) return;
    this.header = undefined;
    if (info) {
      header.era = info.era;
      header.protocolVersion = info.protocolVersion;
      if (info.initialize) header.initialize = this.redactor.value(info.initialize);
      if (info.discover) header.discover = this.redactor.value(info.discover);
      if (info.client) header.client = this.redactor.value(info.client);
    }
    writeSync(this.fd, JSON.stringify(header) + '\n');
    const held = this.held ?? [];
    this.held = undefined;
    for (const e of held) this.write(e);
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
