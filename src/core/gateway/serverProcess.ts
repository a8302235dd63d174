// One stdio server process behind the gateway, on the shared process layer (StdioProcessTransport). The gateway
// forwards each message's own line (never re-serialised), keeps non-JSON stdout and stderr lines as diagnostics,
// and learns in one sentence why the process ended.
import type { JSONRPCMessage } from '@modelcontextprotocol/server';
import { StdioProcessTransport, formatBytes, type StdioProcessSpec } from '../process';

/** How to start the served stdio server: its environment is the gateway's own plus `env`. */
export interface ServerCommand extends StdioProcessSpec {
  args: string[];
}

export interface ServerProcessEvents {
  /** `line` is the message as the server wrote it. */
  message(msg: JSONRPCMessage, line: string): void;
  /** A stdout line that is not a JSON-RPC message, or a stderr line. Never forwarded to clients. */
  diagnostic(kind: 'stdout' | 'stderr', text: string): void;
  /** The process could not start or ended; `reason` is one sentence naming the cause. Called once. */
  exit(reason: string, stderrTail: string): void;
}

export class ServerProcess {
  private readonly transport: StdioProcessTransport;
  private ended = false;
  /** Resolves true once the process runs, false if it could not start. */
  readonly started: Promise<boolean>;

  constructor(
    readonly spec: ServerCommand,
    private readonly events: ServerProcessEvents,
  ) {
    this.transport = new StdioProcessTransport(spec, {
      onRawMessage: (msg, line) => events.message(msg, line),
      onNonJsonLine: (line) => events.diagnostic('stdout', line),
      onStderrLine: (line) => events.diagnostic('stderr', line),
      onOversize: (bytes) => events.diagnostic('stdout', `a message of ${formatBytes(bytes)} was over the size limit and was dropped`),
      onExit: (exit) => {
        if (exit.stopped) this.end('The server process was stopped.');
        else if (exit.signal) this.end(`The server process "${spec.command}" was killed by ${exit.signal}.`);
        else this.end(`The server process "${spec.command}" exited with code ${exit.code}.`);
      },
    });
    this.started = this.transport.start().then(
      () => true,
      (err: Error) => {
        this.end(`Could not start the server process "${spec.command}": ${err.message}.`);
        return false;
      },
    );
  }

  get pid(): number | undefined {
    return this.transport.pid ?? undefined;
  }

  get alive(): boolean {
    return !this.ended;
  }

  /** `line`, when given, is the message's own bytes ending in a newline: written as they are. */
  send(msg: JSONRPCMessage, line?: Buffer | string): void {
    if (this.ended) return;
    // A write to a process that just died fails here; its exit reports the real cause.
    this.transport.sendLine(line ?? JSON.stringify(msg) + '\n').catch(() => undefined);
  }

  /** Stops the whole process group (stdin end, SIGTERM, SIGKILL after a grace period); resolves once it exited. */
  stop(): Promise<void> {
    return this.transport.close();
  }

  private end(reason: string): void {
    if (this.ended) return;
    this.ended = true;
    this.events.exit(reason, this.transport.stderrTail.join('\n'));
  }
}
