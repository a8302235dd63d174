// The SDK's stdio transport with what diagnostics need: stderr piped and split into lines, the exit code kept, and
// non-JSON lines on stdout set aside (with the offending text) instead of being thrown at the session.
import type { ChildProcess } from 'node:child_process';
import { StdioClientTransport, StdioServerParameters } from '@modelcontextprotocol/sdk/client/stdio.js';
import { deserializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

const STDERR_TAIL = 40;
const MAX_LINE = 10 * 1024 * 1024;

export interface StdioHooks {
  onStderrLine?(line: string): void;
  /** A stdout line that is not a JSON-RPC message; the session goes on. */
  onNonJsonLine?(line: string, error: Error): void;
  onExit?(code: number | null, signal: NodeJS.Signals | null): void;
}

/**
 * Splits stdout into lines like the SDK's ReadBuffer, but a line that is not a JSON-RPC message is reported and
 * skipped, so one stray `console.log` neither stalls the buffer nor surfaces as an anonymous SyntaxError.
 */
class LenientReadBuffer {
  private buffer = '';
  constructor(private readonly onBadLine: (line: string, error: Error) => void) {}

  append(chunk: Buffer): void {
    this.buffer += chunk.toString('utf8');
    if (this.buffer.length > MAX_LINE && !this.buffer.includes('\n')) {
      const head = this.buffer.slice(0, 200);
      this.buffer = '';
      this.onBadLine(head, new Error(`a stdout line longer than ${MAX_LINE} bytes`));
    }
  }

  readMessage(): JSONRPCMessage | null {
    for (;;) {
      const nl = this.buffer.indexOf('\n');
      if (nl === -1) return null;
      const line = this.buffer.slice(0, nl).replace(/\r$/, '');
      this.buffer = this.buffer.slice(nl + 1);
      if (line.trim() === '') continue;
      try {
        return deserializeMessage(line);
      } catch (e) {
        this.onBadLine(line, e as Error);
      }
    }
  }

  clear(): void {
    this.buffer = '';
  }
}

export class DiagnosingStdioTransport extends StdioClientTransport {
  readonly stderrTail: string[] = [];
  readonly nonJsonLines: string[] = [];
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private partialStderr = '';
  private child: ChildProcess | undefined;

  constructor(
    params: StdioServerParameters,
    private readonly hooks: StdioHooks = {},
  ) {
    super({ ...params, stderr: 'pipe' });
    // The SDK keeps its line buffer in a private field; swapping it is the narrowest way to see the offending line.
    (this as unknown as { _readBuffer: LenientReadBuffer })._readBuffer = new LenientReadBuffer((line, error) => {
      if (this.nonJsonLines.length < 20) this.nonJsonLines.push(line.slice(0, 500));
      this.hooks.onNonJsonLine?.(line, error);
    });
    this.stderr?.on('data', (chunk: Buffer) => this.onStderr(chunk.toString('utf8')));
    this.stderr?.on('end', () => this.flushStderr());
  }

  /** The child process (kept after the SDK forgets it on close). */
  get childProcess(): ChildProcess | undefined {
    return this.child ?? (this as unknown as { _process?: ChildProcess })._process;
  }

  override async start(): Promise<void> {
    await super.start();
    this.child = (this as unknown as { _process?: ChildProcess })._process;
    this.child?.once('exit', (code, signal) => {
      this.exit = { code, signal };
      this.hooks.onExit?.(code, signal);
    });
  }

  private onStderr(text: string): void {
    const parts = (this.partialStderr + text).split('\n');
    this.partialStderr = parts.pop() ?? '';
    for (const p of parts) this.emitStderr(p.replace(/\r$/, ''));
  }

  private flushStderr(): void {
    if (this.partialStderr) this.emitStderr(this.partialStderr);
    this.partialStderr = '';
  }

  private emitStderr(line: string): void {
    this.stderrTail.push(line);
    if (this.stderrTail.length > STDERR_TAIL) this.stderrTail.shift();
    this.hooks.onStderrLine?.(line);
  }

  /** Waits (briefly) until the process has exited and stderr is drained, so a diagnosis sees the whole story. */
  async settle(ms = 1000): Promise<void> {
    const child = this.childProcess;
    if (!this.exit && child && child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    if (!this.exit && child && (child.exitCode !== null || child.signalCode !== null)) this.exit = { code: child.exitCode, signal: child.signalCode };
    await new Promise((r) => setImmediate(r));
    this.flushStderr();
  }
}
