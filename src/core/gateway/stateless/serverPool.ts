// The long-lived server processes behind the stateless (2026-07-28) era. A modern stdio server keeps no state per
// client, so N processes serve every HTTP client; each request goes to the one with the fewest requests in flight.
// A process that dies is reported (its requests fail) and its slot is refilled by the next request.
import type { JSONRPCMessage } from '@modelcontextprotocol/server';
import { randomUUID } from 'node:crypto';
import { ServerProcess, type ServerCommand } from '../serverProcess';
import type { SessionTraceTee } from '../sessionTrace';

export interface PoolMember {
  readonly slot: number;
  readonly proc: ServerProcess;
  inFlight: number;
  /** Sends a message to this process (and into its trace, when traffic is teed). */
  send(msg: JSONRPCMessage): void;
}

export interface PoolEvents {
  message(member: PoolMember, msg: JSONRPCMessage, line: string): void;
  diagnostic(member: PoolMember, kind: 'stdout' | 'stderr', text: string): void;
  exited(member: PoolMember, reason: string, stderrTail: string): void;
}

export class ServerPool {
  private readonly members: (PoolMember | undefined)[];
  private closed = false;

  constructor(
    private readonly spec: ServerCommand,
    readonly size: number,
    private readonly events: PoolEvents,
    /** Opens a trace for a new process (`--trace-dir`): one file per pool process. */
    private readonly trace?: (name: string) => SessionTraceTee | undefined,
  ) {
    this.members = new Array(size).fill(undefined);
  }

  /** The member to send the next request to: an empty slot is filled first, then the least busy one. */
  pick(): PoolMember {
    if (this.closed) throw new Error('The gateway is stopping.');
    const empty = this.members.indexOf(undefined);
    if (empty !== -1) return this.start(empty);
    let best = this.members[0]!;
    for (const m of this.members) if (m!.inFlight < best.inFlight) best = m!;
    return best;
  }

  get live(): PoolMember[] {
    return this.members.filter((m): m is PoolMember => m !== undefined);
  }

  get pids(): number[] {
    return this.live.map((m) => m.proc.pid).filter((p): p is number => p !== undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled(this.live.map((m) => m.proc.stop()));
  }

  private start(slot: number): PoolMember {
    const tee = this.trace?.(`pool${slot}-${randomUUID().slice(0, 8)}`);
    const proc = new ServerProcess(this.spec, {
      message: (msg, line) => {
        tee?.message('recv', msg);
        this.events.message(member, msg, line);
      },
      diagnostic: (kind, text) => {
        tee?.stderr(kind, text);
        this.events.diagnostic(member, kind, text);
      },
      exit: (reason, tail) => {
        tee?.close();
        if (this.members[slot] === member) this.members[slot] = undefined;
        if (!this.closed) this.events.exited(member, reason, tail);
      },
    });
    const member: PoolMember = {
      slot,
      inFlight: 0,
      proc,
      send: (msg) => {
        tee?.message('send', msg);
        proc.send(msg);
      },
    };
    this.members[slot] = member;
    return member;
  }
}
