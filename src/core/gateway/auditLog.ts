// Audit log: one JSON line per request or refused HTTP call, written asynchronously (a write stream, never a
// sync write on the hot path). It names who called by token id, never by token.
import { createWriteStream, WriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface AuditEntry {
  time: string;
  tokenId?: string;
  session?: string;
  method?: string;
  /** Tool name, resource URI or prompt name when the method has one. */
  name?: string;
  /** 'ok', 'error', 'cancelled', 'child-exit', or an HTTP rejection like 'http-401:bad-token'. */
  status: string;
  latencyMs?: number;
  /** For refused HTTP requests: the path asked for and the peer address it came from. */
  path?: string;
  peer?: string;
}

export interface AuditSink {
  write(entry: AuditEntry): void;
  close(): Promise<void>;
}

export class FileAuditLog implements AuditSink {
  private readonly stream: WriteStream;

  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.stream = createWriteStream(path, { flags: 'a' });
    this.stream.on('error', () => {}); // a full disk must not take the gateway down
  }

  write(entry: AuditEntry): void {
    this.stream.write(JSON.stringify(entry) + '\n');
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.stream.end(resolve));
  }
}

/** Keeps entries in memory (tests, and the extension's view of recent calls). */
export class MemoryAuditLog implements AuditSink {
  readonly entries: AuditEntry[] = [];
  constructor(private readonly max = 10000) {}
  write(entry: AuditEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.max) this.entries.shift();
  }
  async close(): Promise<void> {}
}

/** The name an audit entry records for a request: the tool, resource or prompt it targets. */
export function targetName(method: string, params: unknown): string | undefined {
  if (!params || typeof params !== 'object') return undefined;
  const p = params as Record<string, unknown>;
  if (method === 'tools/call' || method === 'prompts/get') return typeof p.name === 'string' ? p.name : undefined;
  if (method.startsWith('resources/')) return typeof p.uri === 'string' ? p.uri : undefined;
  return undefined;
}
