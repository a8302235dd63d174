// What the gateway knows of each pool process's tools: their x-mcp-header declarations, by tool name. It learns
// them from the tools/list answers it forwards anyway, forgets them on notifications/tools/list_changed, and asks
// the process itself (every page, once) only when a tools/call names a tool it has not seen listed: a client may
// call from a cached list, or its tools/list may have gone to another process of the pool. Once a process's list is
// known, a call to a tool without declarations costs one Map lookup and no round trip.
import type { JSONRPCMessage } from '@modelcontextprotocol/server';
import type { PoolMember } from './serverPool';
import { paramDeclarations, NO_DECLARATIONS, type ParamDeclaration } from './paramHeaders';

const ASK_PREFIX = 'mcpwb-tools-list-';
const MAX_PAGES = 50;
const ASK_TIMEOUT_MS = 10_000;

export type Declarations = readonly ParamDeclaration[];

interface Asking {
  id: string;
  pages: number;
  tools: Map<string, Declarations>;
  /** The tools listed, or false when the process ended first. */
  done: Promise<Map<string, Declarations> | false>;
  finish(ok: boolean): void;
  /** The list changed while it was being read: what was read answers the waiting calls but is not kept. */
  stale?: boolean;
  timer: NodeJS.Timeout;
}

interface Known {
  tools: Map<string, Declarations>;
  /** The whole list is known: a tool not in it has no declarations. */
  complete: boolean;
  asking?: Asking;
}

export interface CatalogHost {
  /** Sends the catalog's own tools/list request (with the envelope, or without it through the era bridge). */
  ask(member: PoolMember, id: string, cursor: string | undefined): void;
  warn(text: string): void;
}

export class ToolHeaderCatalog {
  private readonly known = new WeakMap<PoolMember, Known>();
  private next = 0;

  constructor(private readonly host: CatalogHost) {}

  /** The declarations of `tool` on `member`: at once when known; else a promise, false if the process ended first. */
  declarations(member: PoolMember, tool: string): Declarations | Promise<Declarations | false> {
    const k = this.entry(member);
    const known = k.tools.get(tool);
    if (known !== undefined) return known;
    if (k.complete) return NO_DECLARATIONS;
    const asking = k.asking ?? this.startAsking(member, k);
    return asking.done.then((tools) => (tools ? (tools.get(tool) ?? NO_DECLARATIONS) : false));
  }

  /** A tools/list answer the gateway forwarded to a client: each listed tool's declarations are kept. */
  learned(member: PoolMember, firstPage: boolean, result: Record<string, unknown> | undefined): void {
    const tools = result?.tools;
    if (!Array.isArray(tools)) return;
    const k = this.entry(member);
    const whole = firstPage && result?.nextCursor === undefined;
    const into = whole ? new Map<string, Declarations>() : k.tools;
    addTools(into, tools);
    if (whole) {
      k.tools = into;
      k.complete = true;
    }
  }

  /** notifications/tools/list_changed: the next call asks again. */
  forget(member: PoolMember): void {
    const k = this.known.get(member);
    if (!k) return;
    k.tools = new Map();
    k.complete = false;
    if (k.asking) k.asking.stale = true;
  }

  /** The process ended: calls waiting for its list are told so. */
  gone(member: PoolMember): void {
    this.known.get(member)?.asking?.finish(false);
    this.known.delete(member);
  }

  /** An answer to one of the catalog's own requests (false when `msg` is not one). */
  answered(member: PoolMember, msg: JSONRPCMessage): boolean {
    const id = (msg as { id?: unknown }).id;
    if (typeof id !== 'string' || !id.startsWith(ASK_PREFIX)) return false;
    const a = this.known.get(member)?.asking;
    if (!a || a.id !== id) return true; // late: the ask timed out or the list changed meanwhile
    const result = (msg as { result?: Record<string, unknown> }).result;
    if (!result || !Array.isArray(result.tools)) {
      // A server without tools (or one that fails to list them) has no declarations to check.
      a.finish(true);
      return true;
    }
    addTools(a.tools, result.tools);
    const cursor = result.nextCursor;
    if (typeof cursor === 'string' && a.pages < MAX_PAGES) {
      a.pages++;
      a.id = `${ASK_PREFIX}${++this.next}`;
      this.host.ask(member, a.id, cursor);
    } else {
      a.finish(true);
    }
    return true;
  }

  private entry(member: PoolMember): Known {
    let k = this.known.get(member);
    if (!k) this.known.set(member, (k = { tools: new Map(), complete: false }));
    return k;
  }

  private startAsking(member: PoolMember, k: Known): Asking {
    let resolve!: (tools: Map<string, Declarations> | false) => void;
    const done = new Promise<Map<string, Declarations> | false>((r) => (resolve = r));
    const a: Asking = {
      id: `${ASK_PREFIX}${++this.next}`,
      pages: 1,
      tools: new Map(),
      done,
      finish: (ok) => {
        clearTimeout(a.timer);
        if (k.asking !== a) return;
        k.asking = undefined;
        if (ok && !a.stale) {
          for (const [name, d] of a.tools) k.tools.set(name, d);
          k.complete = true;
        }
        resolve(ok && a.tools);
      },
      timer: setTimeout(() => {
        this.host.warn(`[pool ${member.slot}] the server did not answer tools/list within ${ASK_TIMEOUT_MS / 1000} s: its tools' Mcp-Param-* headers are not checked`);
        a.finish(true);
      }, ASK_TIMEOUT_MS),
    };
    a.timer.unref();
    k.asking = a;
    this.host.ask(member, a.id, undefined);
    return a;
  }
}

function addTools(into: Map<string, Declarations>, tools: unknown[]): void {
  for (const t of tools) {
    const tool = t as { name?: unknown; inputSchema?: unknown } | null;
    if (typeof tool?.name === 'string') into.set(tool.name, paramDeclarations(tool.inputSchema));
  }
}
