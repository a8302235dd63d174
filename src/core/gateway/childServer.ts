// One stdio MCP server process: spawns it in its own process group, frames its stdout into JSON-RPC messages,
// keeps non-JSON lines as diagnostics, remembers the tail of stderr and stops the whole process tree.
import { spawn, ChildProcess } from 'node:child_process';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { LineFramer } from './lineFramer';
import { StderrTail } from './stderrTail';

export interface ChildCommand {
  command: string;
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
}

export interface ChildServerEvents {
  /** `line` is the message as the server wrote it (forwarded as is where possible, never re-serialised). */
  message(msg: JSONRPCMessage, line: string): void;
  /** A stdout line that is not a JSON-RPC message, or a stderr line. Never forwarded to clients. */
  diagnostic(kind: 'stdout' | 'stderr', text: string): void;
  /** The process could not start or ended; `reason` is one sentence naming the cause. Called once. */
  exit(reason: string, stderrTail: string): void;
}

const KILL_GRACE_MS = 2000;

export class ChildServer {
  private readonly proc: ChildProcess;
  private readonly stderr = new StderrTail();
  private exited = false;
  private stopping = false;
  private exitPromise: Promise<void>;

  constructor(
    readonly spec: ChildCommand,
    private readonly events: ChildServerEvents,
  ) {
    let resolveExit!: () => void;
    this.exitPromise = new Promise((r) => (resolveExit = r));
    // detached: a process group of its own, so stop() reaches grandchildren (npx, shells, uv...) too.
    this.proc = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ? { ...process.env, ...spec.env } : process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    const finish = (reason: string) => {
      if (this.exited) return;
      this.exited = true;
      framer.flush();
      stderrLines.flush();
      resolveExit();
      this.events.exit(reason, this.stderr.get());
    };
    const framer = new LineFramer((line) => this.onLine(line));
    this.proc.stdout!.on('data', (chunk: Buffer) => framer.push(chunk));
    const stderrLines = new LineFramer((line) => this.events.diagnostic('stderr', line.endsWith('\r') ? line.slice(0, -1) : line));
    this.proc.stderr!.on('data', (chunk: Buffer) => {
      this.stderr.append(chunk.toString('utf8'));
      stderrLines.push(chunk);
    });
    // Writing to a child that already died raises EPIPE here; the exit event reports the real cause.
    this.proc.stdin!.on('error', () => {});
    this.proc.on('error', (err: NodeJS.ErrnoException) => {
      if (this.proc.pid === undefined || err.code === 'ENOENT' || err.code === 'EACCES') {
        finish(`Could not start the server process "${spec.command}": ${err.message}.`);
      }
    });
    this.proc.on('close', (code, signal) => {
      if (this.stopping) finish('The server process was stopped.');
      else if (signal) finish(`The server process "${spec.command}" was killed by ${signal}.`);
      else finish(`The server process "${spec.command}" exited with code ${code}.`);
    });
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** `line`, when given, is the message's own bytes ending in a newline: written as they are. */
  send(msg: JSONRPCMessage, line?: Buffer): void {
    if (this.exited) return;
    this.proc.stdin!.write(line ?? JSON.stringify(msg) + '\n');
  }

  /** Closes stdin, then SIGTERM to the group, then SIGKILL after a grace period. Resolves once it has exited. */
  async stop(): Promise<void> {
    if (this.exited) return;
    this.stopping = true;
    this.proc.stdin!.end();
    this.signalGroup('SIGTERM');
    const timer = setTimeout(() => this.signalGroup('SIGKILL'), KILL_GRACE_MS);
    await this.exitPromise;
    clearTimeout(timer);
    // The leader is gone; make sure nothing it started outlives it.
    this.signalGroup('SIGKILL');
  }

  private signalGroup(signal: NodeJS.Signals): void {
    const pid = this.proc.pid;
    if (pid === undefined) return;
    try {
      if (process.platform === 'win32') this.proc.kill(signal);
      else process.kill(-pid, signal);
    } catch {
      // Already gone.
    }
  }

  private onLine(raw: string): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (!line.trim()) return;
    if (line.charCodeAt(0) === 123 /* { */) {
      try {
        const msg = JSON.parse(line);
        if (msg && typeof msg === 'object' && msg.jsonrpc === '2.0') {
          this.events.message(msg as JSONRPCMessage, line);
          return;
        }
      } catch {
        // Falls through to a diagnostic.
      }
    }
    this.events.diagnostic('stdout', line);
  }
}
