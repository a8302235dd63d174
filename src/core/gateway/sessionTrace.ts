// Tees one gateway session's traffic into a trace file through the core traffic recorder. Kept behind a small
// interface so the session does not depend on the trace format.
import { join } from 'node:path';
import type { JSONRPCMessage } from '@modelcontextprotocol/server';
import { TraceWriter } from '../traffic/traceWriter';
import { TraceRecorder } from '../traffic/tap';
import type { ServerCommand } from './serverProcess';

export interface SessionTraceTee {
  /** `send` = client to server, `recv` = server to client (the trace format's point of view). */
  message(dir: 'send' | 'recv', msg: JSONRPCMessage): void;
  stderr(kind: 'stdout' | 'stderr', text: string): void;
  close(): void;
}

export function openSessionTrace(dir: string, sessionId: string, child: ServerCommand, secrets: string[]): SessionTraceTee {
  const writer = new TraceWriter(join(dir, `gateway-${new Date().toISOString().replace(/[:.]/g, '-')}-${sessionId.slice(0, 8)}.mcptrace`), {
    target: { transport: 'stdio', command: child.command, args: child.args, cwd: child.cwd, env: child.env },
  });
  for (const s of secrets) writer.redactor.addSecret(s);
  const recorder = new TraceRecorder(writer);
  recorder.record({ type: 'transport', event: 'open', detail: `gateway session ${sessionId}` });
  return {
    message: (dir, msg) => recorder.record({ type: 'message', dir, msg }),
    stderr: (kind, text) => {
      if (kind === 'stdout') return recorder.record({ type: 'note', level: 'warning', text: `non-JSON stdout: ${text}` });
      recorder.record({ type: 'stderr', text });
    },
    close: () => {
      recorder.record({ type: 'transport', event: 'close' });
      writer.close();
    },
  };
}
