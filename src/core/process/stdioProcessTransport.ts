// The one stdio process layer: an SDK Transport over a server process that every face uses (inspector, CLI,
// gateway, verify, mock). The server runs in a process group of its own, so stopping it reaches whatever it started
// (npx, uvx, `sh -c`); stdout is framed on bytes and decoded per line; lines that are not JSON-RPC are kept as
// diagnostics; stderr is split into lines with a tail kept for error messages.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { STDIO_DEFAULT_MAX_BUFFER_SIZE, type JSONRPCMessage, type Transport } from '@modelcontextprotocol/client';
import { LineFramer } from './lineFramer';
import { serverEnvironment } from './serverEnvironment';
import { trackProcess, untrackProcess } from './liveProcesses';

export interface StdioProcessSpec {
  command: string;
  args?: string[];
  /** Added to the inherited environment (see serverEnvironment). */
  env?: Record<string, string>;
  cwd?: string;
  /** A stdout line longer than this is dropped and reported (default: the SDK's stdio buffer limit). */
  maxMessageBytes?: number;
}

export interface StdioProcessHooks {
  onStderrLine?(line: string): void;
  /** A stdout line that is not a JSON-RPC message; the connection goes on. */
  onNonJsonLine?(line: string, reason: string): void;
  /** Every JSON-RPC message with the line it came in, before `onmessage` (lets a gateway forward the bytes). */
  onRawMessage?(message: JSONRPCMessage, line: string): void;
  /** A message over `maxMessageBytes`: how big it was, and its first bytes. */
  onOversize?(bytes: number, head: string): void;
  onExit?(exit: ProcessExit): void;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when close() stopped it. */
  stopped: boolean;
}

const STDERR_TAIL_LINES = 40;
const NON_JSON_KEPT = 20;
/** SIGTERM first; SIGKILL to the whole group if it has not exited after this. */
const KILL_GRACE_MS = 2000;
/** After the leader exits, how long stdout may still drain (a grandchild may hold the pipe open forever). */
const DRAIN_MS = 100;

export class StdioProcessTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  readonly stderrTail: string[] = [];
  readonly nonJsonLines: string[] = [];
  /** Set once the process has exited. */
  exit: ProcessExit | undefined;
  /** The largest dropped message, if any was over the limit. */
  oversize: { bytes: number; limit: number } | undefined;

  private proc: ChildProcess | undefined;
  private stopping = false;
  private closed = false;
  private exited!: Promise<void>;
  private readonly maxBytes: number;

  constructor(
    readonly spec: StdioProcessSpec,
    private readonly hooks: StdioProcessHooks = {},
  ) {
    this.maxBytes = spec.maxMessageBytes ?? STDIO_DEFAULT_MAX_BUFFER_SIZE;
  }

  /** The server's pid once started. */
  get pid(): number | null {
    return this.proc?.pid ?? null;
  }

  /** The server's stderr stream once started (its lines also reach `onStderrLine`). */
  get stderr(): Readable | null {
    return this.proc?.stderr ?? null;
  }

  get alive(): boolean {
    return this.proc !== undefined && this.exit === undefined;
  }

  /** Spawns the server; rejects with the spawn error (ENOENT, EACCES...) when it cannot start. */
  async start(): Promise<void> {
    if (this.proc) throw new Error('StdioProcessTransport already started');
    const { command, args = [], cwd } = this.spec;
    const proc = spawn(command, args, {
      cwd,
      env: serverEnvironment(this.spec.env),
      stdio: ['pipe', 'pipe', 'pipe'],
      // A process group of its own, so close() reaches grandchildren (npx, shells, uv...) too.
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    this.proc = proc;
    let resolveExited!: () => void;
    this.exited = new Promise((r) => (resolveExited = r));

    const stdout = new LineFramer((line) => this.onStdoutLine(line), this.maxBytes, (bytes, head, tail) => this.onOversize(bytes, head, tail));
    const stderr = new LineFramer((line) => this.onStderrLine(line.endsWith('\r') ? line.slice(0, -1) : line));
    proc.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk));
    proc.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
    // Writing to a server that already died raises EPIPE here; the exit reports the real cause.
    proc.stdin!.on('error', () => undefined);

    try {
      await new Promise<void>((resolve, reject) => {
        proc.once('spawn', resolve);
        proc.once('error', reject);
      });
    } catch (e) {
      // Never started: nothing to stop, and close() must not wait for an exit that will not come.
      this.exit = { code: null, signal: null, stopped: false };
      for (const s of [proc.stdin, proc.stdout, proc.stderr]) s?.destroy();
      resolveExited();
      throw e;
    }
    trackProcess(this);
    proc.on('error', (e) => this.onerror?.(e));
    proc.once('exit', (code, signal) => {
      this.exit = { code, signal, stopped: this.stopping };
      // Whatever the leader left running in its group goes with it.
      this.signalGroup('SIGKILL');
      untrackProcess(this);
      const finish = () => {
        stdout.flush();
        stderr.flush();
        proc.stdout!.destroy();
        proc.stderr!.destroy();
        proc.stdin!.destroy();
        resolveExited();
        this.hooks.onExit?.(this.exit!);
        this.finishClose();
      };
      if (proc.stdout!.readableEnded) finish();
      else {
        const timer = setTimeout(finish, DRAIN_MS);
        proc.stdout!.once('end', () => {
          clearTimeout(timer);
          setImmediate(finish);
        });
      }
    });
  }

  async send(message: JSONRPCMessage): Promise<void> {
    await this.sendLine(JSON.stringify(message) + '\n');
  }

  /** Writes a message's own bytes (ending in a newline) as they are. */
  async sendLine(line: string | Buffer): Promise<void> {
    const stdin = this.proc?.stdin;
    if (!stdin || this.exit || stdin.destroyed) throw new Error('The server process is not running');
    if (!stdin.write(line)) await new Promise<void>((resolve) => {
      const done = () => {
        stdin.off('drain', done);
        stdin.off('close', done);
        resolve();
      };
      stdin.once('drain', done);
      stdin.once('close', done);
    });
  }

  /** Closes stdin, SIGTERM to the process group, SIGKILL after a grace period. Resolves once it has exited. */
  async close(): Promise<void> {
    if (!this.proc) return this.finishClose();
    if (!this.exit) {
      this.stopping = true;
      this.proc.stdin!.end();
      this.signalGroup('SIGTERM');
      const timer = setTimeout(() => this.signalGroup('SIGKILL'), KILL_GRACE_MS);
      await this.exited;
      clearTimeout(timer);
    } else {
      await this.exited;
    }
  }

  /** Waits up to `ms` for the process to exit on its own (so a diagnosis sees its exit code and whole stderr). */
  async settle(ms = 1000): Promise<void> {
    if (!this.proc || this.exit) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.exited, new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
    clearTimeout(timer);
  }

  /** Stops the group at once, synchronously (the owning process is exiting). */
  killNow(): void {
    this.stopping = true;
    this.signalGroup('SIGKILL');
  }

  private finishClose(): void {
    if (this.closed) return;
    this.closed = true;
    this.onclose?.();
  }

  private signalGroup(signal: NodeJS.Signals): void {
    const pid = this.proc?.pid;
    if (pid === undefined) return;
    try {
      if (process.platform === 'win32') this.proc!.kill(signal);
      else process.kill(-pid, signal);
    } catch {
      // Already gone.
    }
  }

  private onStdoutLine(raw: string): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (!line.trim()) return;
    let reason = 'not JSON';
    if (line.charCodeAt(0) === 123 /* { */ || line.charCodeAt(0) === 91 /* [ */) {
      try {
        const msg = JSON.parse(line) as unknown;
        if (isJsonRpcMessage(msg)) {
          this.hooks.onRawMessage?.(msg, line);
          this.onmessage?.(msg);
          return;
        }
        reason = 'JSON, but not a JSON-RPC 2.0 message';
      } catch (e) {
        reason = (e as Error).message;
      }
    }
    if (this.nonJsonLines.length < NON_JSON_KEPT) this.nonJsonLines.push(line.slice(0, 500));
    this.hooks.onNonJsonLine?.(line, reason);
  }

  private onStderrLine(line: string): void {
    this.stderrTail.push(line);
    if (this.stderrTail.length > STDERR_TAIL_LINES) this.stderrTail.shift();
    this.hooks.onStderrLine?.(line);
  }

  private onOversize(bytes: number, head: string, tail: string): void {
    if (!this.oversize || bytes > this.oversize.bytes) this.oversize = { bytes, limit: this.maxBytes };
    this.hooks.onOversize?.(bytes, head);
    const error = new MessageTooLargeError(bytes, this.maxBytes);
    this.onerror?.(error);
    // A dropped answer would leave its request waiting until it times out, looking like a slow server: answer it
    // with an error that says what happened instead.
    const id = responseIdOf(head, tail);
    if (id === undefined) return;
    const reply = { jsonrpc: '2.0' as const, id, error: { code: -32603, message: `${error.message}. Raise the limit with --max-message-size`, data: { bytes, limit: this.maxBytes } } };
    this.hooks.onRawMessage?.(reply, JSON.stringify(reply));
    this.onmessage?.(reply);
  }
}

/** A message from the server was over the size limit and was dropped. */
export class MessageTooLargeError extends Error {
  constructor(
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`The server sent a message of ${formatBytes(bytes)}, over the limit of ${formatBytes(limit)}; it was dropped`);
    this.name = 'MessageTooLargeError';
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

/**
 * The id of a response from the ends of its line: `{"jsonrpc":"2.0","id":...` at the start or `"id":...}` at the
 * end (where serializers put it). A line that starts as a request or notification is not a response.
 */
export function responseIdOf(head: string, tail: string): string | number | undefined {
  const ID = '(-?\\d+|"(?:[^"\\\\]|\\\\.)*")';
  if (/^\{\s*"jsonrpc"\s*:\s*"2\.0"\s*,\s*"method"/.test(head) || /^\{\s*"method"/.test(head)) return undefined;
  const m = new RegExp(`^\\{\\s*(?:"jsonrpc"\\s*:\\s*"2\\.0"\\s*,\\s*)?"id"\\s*:\\s*${ID}`).exec(head) ?? new RegExp(`"id"\\s*:\\s*${ID}\\s*\\}\\s*$`).exec(tail);
  return m ? (JSON.parse(m[1]) as string | number) : undefined;
}

function isJsonRpcMessage(v: unknown): v is JSONRPCMessage {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const m = v as Record<string, unknown>;
  return m.jsonrpc === '2.0' && (typeof m.method === 'string' || 'result' in m || 'error' in m);
}
